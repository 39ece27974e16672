/// The reply of `VerifyHistory`.
public struct VerifyHistoryReply: Codable, Sendable {
    /// The hash chain is intact and agrees with every checkpoint the journal holds.
    public var intact: Bool
    public var records: Int
    /// The findings in words.
    public var summary: String

    public init(intact: Bool, records: Int, summary: String) {
        self.intact = intact
        self.records = records
        self.summary = summary
    }
}
