public import FoundationEssentials

/// Where a meter-triggered occurrence stands.
public struct MeterProgress: Sendable, Equatable {
    public var meter: String
    public var unit: String
    /// The meter value at which the occurrence is due.
    public var dueValue: Double
    /// The latest reading, if any.
    public var current: Double?
    /// The value at which it becomes overdue, when the tolerance is a percentage.
    public var overdueValue: Double?
    /// Units per hour over recent readings, if they allow an estimate.
    public var ratePerHour: Double?
}
