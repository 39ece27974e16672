public import FoundationEssentials

/// A record about to be appended, with the id it will have: records are appended in id order by one writer, so the
/// model that decides them knows their ids.
public struct RecordDraft: Sendable, Equatable {
    public var id: Int64
    public var recordedAt: Date
    public var author: RecordAuthor
    public var equipment: String?
    public var task: String?
    public var corrects: Int64?
    public var payload: RecordPayload
    /// What the author's signature means; nil for maintd's own records and records from before signatures.
    public var meaning: SignatureMeaning?

    public init(
        id: Int64, recordedAt: Date, author: RecordAuthor, equipment: String? = nil, task: String? = nil,
        corrects: Int64? = nil, payload: RecordPayload, meaning: SignatureMeaning? = nil
    ) {
        self.id = id
        self.recordedAt = recordedAt
        self.author = author
        self.equipment = equipment
        self.task = task
        self.corrects = corrects
        self.payload = payload
        self.meaning = meaning
    }

    /// The stored record this draft becomes once chained.
    public func stored(previousHash: String, hash: String) -> StoredRecord {
        StoredRecord(
            id: id, recordedAt: recordedAt, author: author, equipment: equipment, task: task, corrects: corrects,
            payload: payload, meaning: meaning, previousHash: previousHash, hash: hash)
    }
}

extension RecordDraft {
    /// A stored record's contents, without its place in the chain.
    public init(_ record: StoredRecord) {
        self.init(
            id: record.id, recordedAt: record.recordedAt, author: record.author, equipment: record.equipment,
            task: record.task, corrects: record.corrects, payload: record.payload, meaning: record.meaning)
    }
}
