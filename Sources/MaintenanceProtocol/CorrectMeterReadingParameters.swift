/// The parameters of `CorrectMeterReading`: a corrected value, or `withdraw`.
public struct CorrectMeterReadingParameters: Codable, Sendable {
    public var record: Int64
    public var reason: String
    public var value: Double?
    public var withdraw: Bool?

    public init(record: Int64, reason: String, value: Double? = nil, withdraw: Bool? = nil) {
        self.record = record
        self.reason = reason
        self.value = value
        self.withdraw = withdraw
    }
}
