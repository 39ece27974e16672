public import FoundationEssentials

/// A lead skipping one occurrence of a task: it counts as covered, and the next one is scheduled.
public struct Skip: Sendable, Equatable {
    public var id: Int64
    public var task: TaskKey
    /// The occurrence skipped (``TaskStatus/occurrence``).
    public var occurrence: Occurrence
    /// When that occurrence was due (for meter occurrences, when it was crossed or is forecast).
    public var dueAt: Date
    /// For meter occurrences, the meter value it was due at.
    public var dueValue: Double?
    public var recordedAt: Date

    public init(id: Int64, task: TaskKey, occurrence: Occurrence, dueAt: Date, dueValue: Double?, recordedAt: Date) {
        self.id = id
        self.task = task
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.dueValue = dueValue
        self.recordedAt = recordedAt
    }
}
