/// The reply of `History`.
public struct HistoryReply: Codable, Sendable {
    public var records: [WireRecord]
    public init(records: [WireRecord]) { self.records = records }
}
