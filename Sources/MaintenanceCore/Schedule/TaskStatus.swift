public import FoundationEssentials

/// A task's state at an instant, with the instants at which it changes.
public struct TaskStatus: Sendable, Equatable {
    public var key: TaskKey
    public var state: DueState
    public var trigger: TriggerKind
    /// The occurrence the state refers to; notifications, deferrals, skips and completions refer to it.
    public var occurrence: Occurrence
    /// When it is (or became) due; nil for a meter occurrence not reached yet.
    @PackedInstant public var dueAt: Date?
    /// When it becomes upcoming, if known.
    @PackedInstant public var upcomingAt: Date?
    /// When it becomes (or became) overdue, if known.
    @PackedInstant public var overdueAt: Date?
    /// For meter triggers, the meter's progress towards the due value.
    public var meter: MeterProgress? {
        get { meterStorage?.value }
        set { meterStorage = newValue.map(Boxed.init) }
    }
    /// For meter triggers, when the meter is expected to reach the due value at its recent rate.
    @PackedInstant public var forecastAt: Date?
    /// The deferral that applies to this occurrence, if any.
    public var deferral: Deferral? {
        get { deferralStorage?.value }
        set { deferralStorage = newValue.map(Boxed.init) }
    }
    /// When it was last done (a passing completion, or `lastDone` from the configuration).
    @PackedInstant public var lastDone: Date?
    /// The next instant at which the state changes by itself (without new records), if any.
    @PackedInstant public var nextChange: Date?
    /// The latest completion failed and no pass came after it: due at once for a retest.
    public var awaitingRetest: Completion? {
        get { retestStorage?.value }
        set { retestStorage = newValue.map(Boxed.init) }
    }

    /// The plant calendar moved the due date: from when, and why.
    public var dueMove: DueMove? {
        get { moveStorage?.value }
        set { moveStorage = newValue.map(Boxed.init) }
    }

    // What only some tasks have is kept out of line: every task's status is held, and inline these made it 416
    // bytes.
    private var meterStorage: Boxed<MeterProgress>?
    private var deferralStorage: Boxed<Deferral>?
    private var retestStorage: Boxed<Completion>?
    private var moveStorage: Boxed<DueMove>?

    public init(
        key: TaskKey, state: DueState, trigger: TriggerKind, occurrence: Occurrence, dueAt: Date? = nil,
        upcomingAt: Date? = nil, overdueAt: Date? = nil, meter: MeterProgress? = nil, forecastAt: Date? = nil,
        deferral: Deferral? = nil, lastDone: Date? = nil, nextChange: Date? = nil, awaitingRetest: Completion? = nil
    ) {
        self.key = key
        self.state = state
        self.trigger = trigger
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.upcomingAt = upcomingAt
        self.overdueAt = overdueAt
        self.forecastAt = forecastAt
        self.lastDone = lastDone
        self.nextChange = nextChange
        self.meter = meter
        self.deferral = deferral
        self.awaitingRetest = awaitingRetest
    }

    /// What announcements are remembered under.
    public var announcementKey: AnnouncementKey {
        AnnouncementKey(occurrence: occurrence, deferredUntil: deferral?.until)
    }

    /// The due instant, or the forecast one for a meter occurrence not reached yet.
    public var expectedAt: Date? { dueAt ?? forecastAt }
}
