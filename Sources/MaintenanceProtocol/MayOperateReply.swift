/// The reply of `MayOperate`: the machine gate's answer, with its reasons.
public struct MayOperateReply: Codable, Sendable, Equatable {
    public var equipment: String
    public var equipmentName: String
    public var mayOperate: Bool
    public var reasons: [WireGateReason]
    /// The tasks (`EQUIPMENT/TASK`) that block operation when overdue or failed.
    public var blockingTasks: [String]
    public var checkedAt: String

    public init(
        equipment: String, equipmentName: String, mayOperate: Bool, reasons: [WireGateReason],
        blockingTasks: [String], checkedAt: String
    ) {
        self.equipment = equipment
        self.equipmentName = equipmentName
        self.mayOperate = mayOperate
        self.reasons = reasons
        self.blockingTasks = blockingTasks
        self.checkedAt = checkedAt
    }
}

/// Why equipment may not run.
public struct WireGateReason: Codable, Sendable, Equatable {
    /// "overdue", "failed" or "out-of-service".
    public var reason: String
    public var task: String?
    public var title: String?
    public var since: String?
    public var record: Int64?
    public var message: String

    public init(
        reason: String, task: String?, title: String?, since: String?, record: Int64?, message: String
    ) {
        self.reason = reason
        self.task = task
        self.title = title
        self.since = since
        self.record = record
        self.message = message
    }
}
