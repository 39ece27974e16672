public import Foundation

/// A value of an equipment's meter at a time, pushed by an integrator or a technician.
public struct MeterReading: Sendable, Equatable {
    public var equipment: String
    public var meter: String
    public var value: Double
    public var at: Date

    public init(equipment: String, meter: String, value: Double, at: Date) {
        self.equipment = equipment
        self.meter = meter
        self.value = value
        self.at = at
    }
}
