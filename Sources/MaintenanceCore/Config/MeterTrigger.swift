/// A task due every N units of one of its equipment's meters.
public struct MeterTrigger: Sendable, Hashable {
    /// The meter's id on the same equipment.
    public var meter: String
    /// Units between occurrences.
    public var every: Double
    /// The meter value when the task was last done before maintd was introduced; 0 when unknown (a new machine).
    public var lastDoneValue: Double?
}
