/// One occurrence a compliance report counted, and what became of it.
public struct WireReportOccurrence: Codable, Sendable, Equatable {
    public var equipment: String
    public var task: String
    public var equipmentName: String
    public var title: String
    public var line: String
    public var kind: String
    public var occurrence: String
    public var dueAt: String
    public var deadline: String?
    /// onTime, late, missed, open, deferred or skipped.
    public var result: String
    public var record: Int?
    public var performedAt: String?
    public var deferredUntil: String?
    public var deferralReason: String?
    public var deferralRecord: Int?

    public init(
        equipment: String, task: String, equipmentName: String, title: String, line: String, kind: String,
        occurrence: String, dueAt: String, deadline: String?, result: String, record: Int?, performedAt: String?,
        deferredUntil: String?, deferralReason: String?, deferralRecord: Int?
    ) {
        self.equipment = equipment
        self.task = task
        self.equipmentName = equipmentName
        self.title = title
        self.line = line
        self.kind = kind
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.deadline = deadline
        self.result = result
        self.record = record
        self.performedAt = performedAt
        self.deferredUntil = deferredUntil
        self.deferralReason = deferralReason
        self.deferralRecord = deferralRecord
    }
}
