public import Foundation

/// A record as kept in the history: immutable, attributed, chained to the one before it.
public struct StoredRecord: Sendable, Equatable {
    public var id: Int64
    public var recordedAt: Date
    public var author: RecordAuthor
    public var equipment: String?
    public var task: String?
    /// The record this one corrects, for corrections.
    public var corrects: Int64?
    public var payload: RecordPayload
    public var previousHash: String
    public var hash: String

    public var kind: RecordKind { payload.kind }
}
