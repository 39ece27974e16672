public import FoundationEssentials

/// One occurrence of a task due in a report's period and what became of it.
public struct OccurrenceOutcome: Sendable, Equatable {
    public var task: TaskKey
    /// The line id of its equipment (``Equipment/noLine`` outside any line).
    public var line: String
    public var kind: TaskKind
    public var occurrence: Occurrence
    public var dueAt: Date
    /// By when it had to be done under the report's policy (nil: a meter occurrence whose overdue value has not been
    /// reached).
    public var deadline: Date?
    public var result: OccurrenceResult
    /// The passing completion (or the skip) that satisfied it.
    public var record: Int64?
    public var performedAt: Date?
    /// The deferral that applied to it (the latest one recorded), if any.
    public var deferral: Deferral?

    public init(
        task: TaskKey, line: String, kind: TaskKind, occurrence: Occurrence, dueAt: Date, deadline: Date?,
        result: OccurrenceResult, record: Int64? = nil, performedAt: Date? = nil, deferral: Deferral? = nil
    ) {
        self.task = task
        self.line = line
        self.kind = kind
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.deadline = deadline
        self.result = result
        self.record = record
        self.performedAt = performedAt
        self.deferral = deferral
    }
}
