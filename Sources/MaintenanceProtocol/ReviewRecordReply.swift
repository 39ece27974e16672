/// The reply of `ReviewRecord`: the review record, and the task's new state (nil when a reload removed the task).
public struct ReviewRecordReply: Codable, Sendable {
    public var record: WireRecord
    public var task: WireTask?
    public init(record: WireRecord, task: WireTask?) {
        self.record = record
        self.task = task
    }
}
