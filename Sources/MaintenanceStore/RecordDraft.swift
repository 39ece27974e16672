public import Foundation

/// A record about to be appended.
public struct RecordDraft: Sendable {
    public var recordedAt: Date
    public var author: RecordAuthor
    public var equipment: String?
    public var task: String?
    public var corrects: Int64?
    public var payload: RecordPayload

    public init(
        recordedAt: Date, author: RecordAuthor, equipment: String? = nil, task: String? = nil,
        corrects: Int64? = nil, payload: RecordPayload
    ) {
        self.recordedAt = recordedAt
        self.author = author
        self.equipment = equipment
        self.task = task
        self.corrects = corrects
        self.payload = payload
    }
}
