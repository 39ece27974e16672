/// A lead's correction of a meter reading (the record it `corrects`): a corrected value, or a withdrawal when `value`
/// is nil, so one typo never blinds a meter's tasks.
public struct MeterCorrectionRecord: Sendable, Equatable, Codable {
    public var meter: String
    public var value: Double?
    public var reason: String

    public init(meter: String, value: Double?, reason: String) {
        self.meter = meter
        self.value = value
        self.reason = reason
    }
}
