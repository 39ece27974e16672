public import FoundationEssentials

/// A task done, as far as scheduling cares: when, and whether it passed.
public struct Completion: Sendable, Equatable {
    /// The record's id in the history.
    public var id: Int64
    public var task: TaskKey
    public var performedAt: Date
    /// A failed completion (a calibration out of limits, an inspection that found damage) does not satisfy its
    /// occurrence: the task is due at once for a retest.
    public var passed: Bool
    /// Failed because as-left readings or checks were outside their limits: the equipment is out of tolerance.
    public var outOfTolerance: Bool

    public init(id: Int64, task: TaskKey, performedAt: Date, passed: Bool, outOfTolerance: Bool = false) {
        self.id = id
        self.task = task
        self.performedAt = performedAt
        self.passed = passed
        self.outOfTolerance = outOfTolerance
    }
}
