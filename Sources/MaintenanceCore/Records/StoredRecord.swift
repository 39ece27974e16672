public import FoundationEssentials

/// A record as kept in the history: immutable, attributed, chained to the one before it.
public struct StoredRecord: Sendable, Equatable {
    public var id: Int64
    public var recordedAt: Date
    public var author: RecordAuthor
    public var equipment: String?
    public var task: String?
    /// The record this one corrects (corrections, meter corrections, deferral cancellations) or reviews (reviews).
    public var corrects: Int64?
    public var payload: RecordPayload
    /// What the author's signature means; nil for maintd's own records and records from before signatures.
    public var meaning: SignatureMeaning?
    public var previousHash: String
    public var hash: String

    public init(
        id: Int64, recordedAt: Date, author: RecordAuthor, equipment: String?, task: String?, corrects: Int64?,
        payload: RecordPayload, meaning: SignatureMeaning? = nil, previousHash: String, hash: String
    ) {
        self.id = id
        self.recordedAt = recordedAt
        self.author = author
        self.equipment = equipment
        self.task = task
        self.corrects = corrects
        self.payload = payload
        self.meaning = meaning
        self.previousHash = previousHash
        self.hash = hash
    }

    public var kind: RecordKind { payload.kind }

    /// The task it is about, if any.
    public var taskKey: TaskKey? {
        guard let equipment, let task else { return nil }
        return TaskKey(equipment: equipment, task: task)
    }
}
