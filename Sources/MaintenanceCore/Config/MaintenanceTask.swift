public import FoundationEssentials

/// A maintenance task on one piece of equipment, with its triggers (due at whichever comes first).
public struct MaintenanceTask: Sendable {
    public var id: String
    public var kind: TaskKind
    public var title: String
    /// Document or SOP reference.
    public var procedure: String?
    public var instructions: String?
    public var every: MaintenanceInterval?
    public var anchor: ScheduleAnchor
    /// A calendar expression (`OnCalendar=`), if the task has one.
    public var calendar: CalendarSpec? {
        get { calendarStorage?.value }
        set { calendarStorage = newValue.map(Boxed.init) }
    }
    /// A parsed expression is 536 bytes; boxed, a task without one costs 8 and tasks with the same text share one
    /// (a plant of 100,000 tasks kept 50 MB of mostly empty calendars inline).
    var calendarStorage: Boxed<CalendarSpec>?
    public var meter: MeterTrigger?
    /// How long before being due the task becomes upcoming.
    public var leadTime: Allowance
    /// How long after being due the task becomes overdue.
    public var tolerance: Allowance
    /// When it was last done before maintd was introduced (from paper records).
    public var lastDone: Date?
    public var readings: [ReadingSpec]
    /// What few tasks have (a checklist, planning, follow-up links) is kept out of line, so that a plant of 100,000
    /// tasks without them does not hold 160 bytes more per task.
    var detailsStorage: Boxed<MaintenanceTaskDetails>?

    private var details: MaintenanceTaskDetails { detailsStorage?.value ?? MaintenanceTaskDetails() }

    private mutating func update(_ change: (inout MaintenanceTaskDetails) -> Void) {
        var value = details
        change(&value)
        detailsStorage = value == MaintenanceTaskDetails() ? nil : Boxed(value)
    }

    /// The checklist: steps to answer when recording the work.
    public var steps: [ChecklistStep] {
        get { detailsStorage?.value.steps ?? [] }
        set { update { $0.steps = newValue } }
    }
    /// How soon follow-up work a failure or a finding of this task opens must be done.
    public var followUpWithin: MaintenanceInterval {
        get { detailsStorage?.value.followUpWithin ?? Self.defaultFollowUpWithin }
        set { update { $0.followUpWithin = newValue } }
    }
    /// Planning: how long the work takes, whether the machine must stop, whether lockout/tagout is required, who it
    /// is assigned to (a user or a group), and the parts it needs.
    public var estimatedDuration: MaintenanceInterval? {
        get { detailsStorage?.value.estimatedDuration }
        set { update { $0.estimatedDuration = newValue } }
    }
    public var downtime: Bool {
        get { detailsStorage?.value.downtime ?? false }
        set { update { $0.downtime = newValue } }
    }
    public var lockout: Bool {
        get { detailsStorage?.value.lockout ?? false }
        set { update { $0.lockout = newValue } }
    }
    public var assignee: String? {
        get { detailsStorage?.value.assignee }
        set { update { $0.assignee = newValue } }
    }
    public var parts: [SparePart] {
        get { detailsStorage?.value.parts ?? [] }
        set { update { $0.parts = newValue } }
    }
    /// Follow-up work: due once, at this instant, until done or skipped.
    public var dueOnce: Date? {
        get { detailsStorage?.value.dueOnce }
        set { update { $0.dueOnce = newValue } }
    }
    /// Follow-up work: the record that opened it.
    public var followUpOf: Int64? {
        get { detailsStorage?.value.followUpOf }
        set { update { $0.followUpOf = newValue } }
    }

    /// One day.
    public static let defaultFollowUpWithin = MaintenanceInterval(microseconds: 86_400_000_000, text: "1d")
    /// Ids this task had before a rename, so its history stays attached.
    public var formerIds: [String]
    /// False for work that must never be postponed (a safety check, a food-safety CCP test).
    public var deferrable: Bool = true
    /// How far past its due instant an occurrence may be deferred: a duration or a share of the interval; nil: no bound.
    public var maxDeferral: Allowance?
    /// The role whose second person must review a passing completion before it counts (21 CFR 11.50); nil: none.
    public var review: Role?
    /// Where a due date on a day the plant does not work goes.
    public var onNonWorkingDay: NonWorkingDayRule = .next
    /// The job needs the line down: it is planned into a shutdown.
    public var shutdownOnly = false
    /// The equipment may not run while this task is overdue or its latest completion failed (a safety check, a
    /// calibration that production depends on): `maintctl gate`, `MayOperate`.
    public var blocksOperation = false
    /// Where the task is defined, for messages.
    public var source: ConfigurationSourceReference
}
