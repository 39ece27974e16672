/// Progress of a meter-triggered occurrence.
public struct WireMeterProgress: Codable, Sendable, Equatable {
    public var meter: String
    public var unit: String
    public var dueValue: Double
    public var current: Double?
    public var ratePerHour: Double?

    public init(meter: String, unit: String, dueValue: Double, current: Double?, ratePerHour: Double?) {
        self.meter = meter
        self.unit = unit
        self.dueValue = dueValue
        self.current = current
        self.ratePerHour = ratePerHour
    }
}
