/// The parameters of `CorrectRecord`.
public struct CorrectRecordParameters: Codable, Sendable {
    public var record: Int64
    public var reason: String
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    /// Check readings: true when the check passed.
    public var checks: [String: Bool]?
    public var note: String?
    public var withdraw: Bool?
    public init(
        record: Int64, reason: String, performedAt: String? = nil, result: String? = nil,
        readings: [String: Double]? = nil, checks: [String: Bool]? = nil, note: String? = nil, withdraw: Bool? = nil
    ) {
        self.record = record
        self.reason = reason
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.checks = checks
        self.note = note
        self.withdraw = withdraw
    }
}
