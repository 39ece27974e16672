/// A task and where it stands.
public struct WireTask: Codable, Sendable, Equatable {
    public var equipment: String
    public var task: String
    public var equipmentName: String
    public var line: String
    public var lineName: String
    public var kind: String
    public var title: String
    public var procedure: String?
    public var state: String
    public var trigger: String
    public var occurrence: String
    public var dueAt: String?
    public var upcomingAt: String?
    public var overdueAt: String?
    public var forecastAt: String?
    public var lastDone: String?
    public var meter: WireMeterProgress?
    public var deferredUntil: String?
    public var deferralReason: String?
    public var deferrable: Bool
    public var outOfTolerance: Bool
    /// The latest completion failed: due at once for a retest.
    public var awaitingRetest: Bool
    /// The failed completion awaiting a retest.
    public var failedRecord: Int64?
    /// The role that reviews this task's completions, if it needs review.
    public var review: String?
    /// A completion of this task waiting for review (the newest).
    public var awaitingReview: Int64?
    /// Where the schedule put the due date when the plant calendar moved it, and why.
    public var dueMovedFrom: String?
    public var dueMoveReason: String?
    /// A job that needs the line down found no shutdown within its tolerance.
    public var noShutdownFits: Bool?
    /// Follow-up work: the record that opened it.
    public var followUpOf: Int64?
    /// Planning: how long the work takes ("2h"), whether the machine must stop, whether lockout/tagout is required,
    /// who it is assigned to, and the parts it needs.
    public var estimatedDuration: String?
    public var estimatedHours: Double?
    public var downtime: Bool?
    public var lockout: Bool?
    public var assignee: String?
    public var parts: [WirePart]?
    /// The equipment may not run while this task is overdue or its latest completion failed.
    public var blocksOperation: Bool?

    public init(
        equipment: String, task: String, equipmentName: String, line: String, lineName: String, kind: String,
        title: String, procedure: String?, state: String, trigger: String, occurrence: String, dueAt: String?,
        upcomingAt: String?, overdueAt: String?, forecastAt: String?, lastDone: String?,
        meter: WireMeterProgress?, deferredUntil: String?, deferralReason: String?, deferrable: Bool,
        outOfTolerance: Bool, awaitingRetest: Bool, failedRecord: Int64?
    ) {
        self.deferrable = deferrable
        self.awaitingRetest = awaitingRetest
        self.failedRecord = failedRecord
        self.equipment = equipment
        self.task = task
        self.equipmentName = equipmentName
        self.line = line
        self.lineName = lineName
        self.kind = kind
        self.title = title
        self.procedure = procedure
        self.state = state
        self.trigger = trigger
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.upcomingAt = upcomingAt
        self.overdueAt = overdueAt
        self.forecastAt = forecastAt
        self.lastDone = lastDone
        self.meter = meter
        self.deferredUntil = deferredUntil
        self.deferralReason = deferralReason
        self.outOfTolerance = outOfTolerance
    }
}
