/// A counter on a piece of equipment that integrators push readings for (run hours, cycles).
public struct Meter: Sendable, Hashable {
    public var id: String
    public var unit: String
    /// The largest plausible increase per hour of wall-clock time; readings rising faster are rejected.
    /// Defaults to 1.1 for meters in hours (a machine cannot run more hours than pass), else unlimited.
    public var maxRatePerHour: Double?
    /// The smallest step the counter shows (1 for a whole-hour counter): a reading may run ahead of the plausible rate
    /// by one step, so a whole-hour counter read every 15 minutes is not refused. Default 1.
    public var resolution: Double = 1
}
