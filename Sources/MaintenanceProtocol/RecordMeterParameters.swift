/// The parameters of `RecordMeter`.
public struct RecordMeterParameters: Codable, Sendable {
    public var equipment: String
    public var meter: String
    public var value: Double
    public var at: String?
    public init(equipment: String, meter: String, value: Double, at: String? = nil) {
        self.equipment = equipment
        self.meter = meter
        self.value = value
        self.at = at
    }
}
