public import FoundationEssentials

/// A lead postponing one occurrence of a task until a time, with a reason.
public struct Deferral: Sendable, Equatable {
    public var id: Int64
    public var task: TaskKey
    /// The occurrence deferred (``TaskStatus/occurrence``); a later occurrence is not affected.
    public var occurrence: Occurrence
    public var until: Date
    public var reason: String
    public var recordedAt: Date

    public init(id: Int64, task: TaskKey, occurrence: Occurrence, until: Date, reason: String, recordedAt: Date) {
        self.id = id
        self.task = task
        self.occurrence = occurrence
        self.until = until
        self.reason = reason
        self.recordedAt = recordedAt
    }
}
