public import FoundationEssentials

/// A meter value.
public struct MeterReadingRecord: Sendable, Equatable, Codable {
    public var meter: String
    public var value: Double
    public var at: Date

    public init(meter: String, value: Double, at: Date) {
        self.meter = meter
        self.value = value
        self.at = at
    }
}
