/// The parameters of `ReviewRecord`: "accepted" or "rejected" (with a reason).
public struct ReviewRecordParameters: Codable, Sendable {
    public var record: Int64
    public var verdict: String
    public var reason: String?

    public init(record: Int64, verdict: String, reason: String? = nil) {
        self.record = record
        self.verdict = verdict
        self.reason = reason
    }
}
