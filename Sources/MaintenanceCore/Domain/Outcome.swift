/// What a command or an event of the plant produced: records to append (all in one transaction, in this order),
/// events to announce once they are durable, and the answer for the one who asked.
public struct Outcome: Sendable, Equatable {
    public var records: [RecordDraft] = []
    public var events: [MaintenanceEvent] = []
    public var answer: Answer?

    public init(records: [RecordDraft] = [], events: [MaintenanceEvent] = [], answer: Answer? = nil) {
        self.records = records
        self.events = events
        self.answer = answer
    }

    /// Adds what a following step of the same change did: its records after these, its events after these.
    public mutating func append(_ following: Outcome) {
        records += following.records
        announce(following.events)
        answer = following.answer ?? answer
    }

    /// Adds events after these; the first ones are taken as they are (a large start's tens of thousands are not
    /// copied).
    public mutating func announce(_ more: [MaintenanceEvent]) {
        if events.isEmpty { events = more } else { events += more }
    }
}

/// The answer to a command: the record it made and the task it concerns.
public struct Answer: Sendable, Equatable {
    /// The id of the record the command made (among ``Outcome/records``).
    public var record: Int64
    public var task: TaskKey?
    /// As-left readings and checks outside their limits: the completion was stored, as failed.
    public var failedReadings: [String]

    public init(record: Int64, task: TaskKey?, failedReadings: [String] = []) {
        self.record = record
        self.task = task
        self.failedReadings = failedReadings
    }
}
