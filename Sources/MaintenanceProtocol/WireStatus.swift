/// The daemon at a glance.
public struct WireStatus: Codable, Sendable, Equatable {
    public var site: String
    public var timezone: String
    public var tasks: Int
    public var scheduled: Int
    public var upcoming: Int
    public var due: Int
    public var overdue: Int
    public var deferred: Int
    public var suspended: Int
    public var nextChange: String?
    public var outOfTolerance: [String]
    public var configHash: String
    public var configFiles: [String]
    public var rejectedReload: String?
    public var startedAt: String
    public var version: String
    /// How often the scheduling timer has woken the daemon since it started.
    public var timerWakeups: Int
    /// Completions recorded since the history began (failed ones too), those recorded as failed, and the findings
    /// they reported: counters that only grow.
    public var completions = 0
    public var failedCompletions = 0
    public var findings = 0

    public init(
        site: String, timezone: String, tasks: Int, scheduled: Int, upcoming: Int, due: Int, overdue: Int,
        deferred: Int, suspended: Int, nextChange: String?, outOfTolerance: [String], configHash: String,
        configFiles: [String], rejectedReload: String?, startedAt: String, version: String, timerWakeups: Int
    ) {
        self.timerWakeups = timerWakeups
        self.site = site
        self.timezone = timezone
        self.tasks = tasks
        self.scheduled = scheduled
        self.upcoming = upcoming
        self.due = due
        self.overdue = overdue
        self.deferred = deferred
        self.suspended = suspended
        self.nextChange = nextChange
        self.outOfTolerance = outOfTolerance
        self.configHash = configHash
        self.configFiles = configFiles
        self.rejectedReload = rejectedReload
        self.startedAt = startedAt
        self.version = version
    }
}
