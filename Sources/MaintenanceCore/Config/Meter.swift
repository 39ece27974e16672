/// A counter on a piece of equipment that integrators push readings for (run hours, cycles).
public struct Meter: Sendable, Hashable {
    public var id: String
    public var unit: String
    /// The largest plausible increase per hour of wall-clock time; readings rising faster are rejected.
    /// Defaults to 1.1 for meters in hours (a machine cannot run more hours than pass), else unlimited.
    public var maxRatePerHour: Double?
}
