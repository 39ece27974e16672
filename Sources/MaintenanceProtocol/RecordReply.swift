/// A reply holding one record.
public struct RecordReply: Codable, Sendable {
    public var record: WireRecord
    public init(record: WireRecord) { self.record = record }
}
