public import FoundationEssentials

/// A value of an equipment's meter at a time, pushed by an integrator or a technician.
public struct MeterReading: Sendable, Equatable {
    public var equipment: String
    public var meter: String
    public var value: Double
    public var at: Date
    /// The record it came from (0 when not from the history), so a correction can replace it.
    public var record: Int64

    public init(equipment: String, meter: String, value: Double, at: Date, record: Int64 = 0) {
        self.record = record
        self.equipment = equipment
        self.meter = meter
        self.value = value
        self.at = at
    }
}
