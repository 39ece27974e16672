public import FoundationEssentials

/// One occurrence in a forecast.
public struct ForecastEntry: Sendable, Equatable {
    public var task: TaskKey
    public var dueAt: Date
    /// The state at the start of the forecast window (only the first occurrence of a task can already be due).
    public var stateAtStart: DueState
    public var trigger: TriggerKind
    /// The plant calendar moved it: from when, and why.
    public var move: DueMove? = nil
}
