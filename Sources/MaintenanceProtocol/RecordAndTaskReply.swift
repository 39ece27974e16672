/// The reply of CompleteTask, DeferTask and SkipOccurrence: the stored record and the task's new state.
public struct RecordAndTaskReply: Codable, Sendable {
    public var record: WireRecord
    public var task: WireTask
    public init(record: WireRecord, task: WireTask) {
        self.record = record
        self.task = task
    }
}
