public import FoundationEssentials

/// Something that happened and that people should hear about.
public struct MaintenanceEvent: Sendable, Equatable {
    public var kind: MaintenanceEventKind
    public var task: TaskKey?
    public var state: DueState?
    /// The occurrence the event is about.
    public var occurrence: Occurrence?
    public var dueAt: Date?
    /// When the event was produced.
    public var at: Date
    /// True when it reports a change that happened while maintd was not running.
    public var catchUp: Bool
    /// The readable sentence ("Calibration of torque wrench TW-04 is overdue since 2026-11-20 06:00 (Line B)").
    public var message: String
    /// Further details for filtering, keyed by short lowercase names ("by", "reason", "line").
    public var details: EventDetails

    public init(
        kind: MaintenanceEventKind, task: TaskKey? = nil, state: DueState? = nil, occurrence: Occurrence? = nil,
        dueAt: Date? = nil, at: Date, catchUp: Bool = false, message: String, details: EventDetails = [:]
    ) {
        self.kind = kind
        self.task = task
        self.state = state
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.at = at
        self.catchUp = catchUp
        self.message = message
        self.details = details
    }
}
