// Wire types of io.maintd.Maintenance, shared by the daemon and its clients. Field names are the interface's.

/// Progress of a meter-triggered occurrence.
public struct WireMeterProgress: Codable, Sendable, Equatable {
    public var meter: String
    public var unit: String
    public var dueValue: Double
    public var current: Double?
    public var ratePerHour: Double?

    public init(meter: String, unit: String, dueValue: Double, current: Double?, ratePerHour: Double?) {
        self.meter = meter
        self.unit = unit
        self.dueValue = dueValue
        self.current = current
        self.ratePerHour = ratePerHour
    }
}

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
    public var outOfTolerance: Bool

    public init(
        equipment: String, task: String, equipmentName: String, line: String, lineName: String, kind: String,
        title: String, procedure: String?, state: String, trigger: String, occurrence: String, dueAt: String?,
        upcomingAt: String?, overdueAt: String?, forecastAt: String?, lastDone: String?,
        meter: WireMeterProgress?, deferredUntil: String?, deferralReason: String?, outOfTolerance: Bool
    ) {
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

/// A value a task asks for.
public struct WireReading: Codable, Sendable, Equatable {
    public var id: String
    public var unit: String
    public var label: String?
    public var min: Double?
    public var max: Double?

    public init(id: String, unit: String, label: String?, min: Double?, max: Double?) {
        self.id = id
        self.unit = unit
        self.label = label
        self.min = min
        self.max = max
    }
}

/// A record of the history.
public struct WireRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var recordedAt: String
    public var by: String
    public var uid: Int64
    public var equipment: String?
    public var task: String?
    public var corrects: Int64?
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    public var note: String?
    public var outOfTolerance: [String]?
    public var meter: String?
    public var value: Double?
    public var at: String?
    public var until: String?
    public var reason: String?
    public var occurrence: String?
    public var summary: String?
    public var supersededBy: Int64?
    public var hash: String

    public init(id: Int64, kind: String, recordedAt: String, by: String, uid: Int64, hash: String) {
        self.id = id
        self.kind = kind
        self.recordedAt = recordedAt
        self.by = by
        self.uid = uid
        self.hash = hash
    }
}

/// A meter and its latest reading.
public struct WireMeter: Codable, Sendable, Equatable {
    public var id: String
    public var unit: String
    public var value: Double?
    public var at: String?

    public init(id: String, unit: String, value: Double?, at: String?) {
        self.id = id
        self.unit = unit
        self.value = value
        self.at = at
    }
}

/// A piece of equipment.
public struct WireEquipment: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var line: String
    public var lineName: String
    public var location: String
    public var inService: Bool
    public var commissioned: String?
    public var meters: [WireMeter]
    public var tasks: [String]
    public var outOfTolerance: Bool

    public init(
        id: String, name: String, line: String, lineName: String, location: String, inService: Bool,
        commissioned: String?, meters: [WireMeter], tasks: [String], outOfTolerance: Bool
    ) {
        self.id = id
        self.name = name
        self.line = line
        self.lineName = lineName
        self.location = location
        self.inService = inService
        self.commissioned = commissioned
        self.meters = meters
        self.tasks = tasks
        self.outOfTolerance = outOfTolerance
    }
}

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

/// An event.
public struct WireEvent: Codable, Sendable, Equatable {
    public var kind: String
    public var message: String
    public var at: String
    public var equipment: String?
    public var task: String?
    public var line: String?
    public var state: String?
    public var dueAt: String?
    public var details: [String: String]

    public init(
        kind: String, message: String, at: String, equipment: String?, task: String?, line: String?,
        state: String?, dueAt: String?, details: [String: String]
    ) {
        self.kind = kind
        self.message = message
        self.at = at
        self.equipment = equipment
        self.task = task
        self.line = line
        self.state = state
        self.dueAt = dueAt
        self.details = details
    }
}

/// One problem in a configuration.
public struct WireConfigError: Codable, Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var path: String
    public var message: String

    public init(file: String, line: Int, column: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
        self.message = message
    }
}
