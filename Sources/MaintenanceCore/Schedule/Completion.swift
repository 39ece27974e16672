public import Foundation

/// A task done, as far as scheduling cares: when, and whether it passed.
public struct Completion: Sendable, Equatable {
    /// The record's id in the history.
    public var id: Int64
    public var task: TaskKey
    public var performedAt: Date
    /// A failed completion (a calibration out of limits, an inspection that found damage) does not satisfy the
    /// schedule: the task stays due until a passing one is recorded.
    public var passed: Bool

    public init(id: Int64, task: TaskKey, performedAt: Date, passed: Bool) {
        self.id = id
        self.task = task
        self.performedAt = performedAt
        self.passed = passed
    }
}
