/// A validated configuration: the site, its lines, equipment and tasks.
public struct Configuration: Sendable {
    public var siteName: String
    /// The IANA name of the site's zone; schedules and calendar expressions are evaluated in it.
    public var timezone: String
    public var zone: TimeZoneRules
    public var lines: [ProductionLine]
    public private(set) var equipment: [Equipment]
    public var roles: RoleGroups
    /// How often an overdue task is reminded again.
    public var overdueReminder: MaintenanceInterval
    /// The files it was read from, main file first.
    public var files: [String]
    /// The site's working calendar (lines may override it).
    public var calendar: PlantCalendar
    /// Positions in `equipment` by id, then by former id: looking a machine up never scans the plant.
    private let positions: [String: Int]
    /// Positions in `equipment` by line, in configuration order.
    private let positionsByLine: [String: [Int]]

    init(
        siteName: String, timezone: String, zone: TimeZoneRules, lines: [ProductionLine], equipment: [Equipment],
        roles: RoleGroups, overdueReminder: MaintenanceInterval, files: [String], calendar: PlantCalendar = .everyDay
    ) {
        self.calendar = calendar
        self.siteName = siteName
        self.timezone = timezone
        self.zone = zone
        self.lines = lines
        self.equipment = equipment
        self.roles = roles
        self.overdueReminder = overdueReminder
        self.files = files
        var positions: [String: Int] = [:]
        for (index, item) in equipment.enumerated() {
            for former in item.formerIds where positions[former] == nil { positions[former] = index }
        }
        // Current ids win over former ones.
        for (index, item) in equipment.enumerated() { positions[item.id] = index }
        self.positions = positions
        positionsByLine = Dictionary(grouping: equipment.indices) { equipment[$0].line }
    }

    /// Adds a task maintd made (follow-up work) to a machine; false if the machine is gone or has a task by that id.
    mutating func add(_ task: MaintenanceTask, toEquipment id: String) -> Bool {
        guard let index = positions[id], equipment[index].id == id, equipment[index].task(task.id) == nil else {
            return false
        }
        equipment[index].tasks.append(task)
        return true
    }

    /// Removes a task maintd made.
    mutating func removeTask(_ key: TaskKey) {
        guard let index = positions[key.equipment] else { return }
        equipment[index].tasks.removeAll { $0.id == key.task && $0.dueOnce != nil }
    }

    /// The equipment with this id, or whose former id this is.
    public func equipment(_ id: String) -> Equipment? {
        positions[id].map { equipment[$0] }
    }

    /// Whether a task is configured under exactly this key (current ids, not former ones), without copying its
    /// machine or the task (a reload asks it of every status held: copying took a tenth of a second at 100,000).
    public func hasTask(_ key: TaskKey) -> Bool {
        guard let position = positions[key.equipment], equipment[position].id == key.equipment else { return false }
        return equipment[position].tasks.contains { $0.id == key.task }
    }

    /// The equipment of a line (by id), in configuration order, without looking at the rest of the plant.
    public func equipment(onLine line: String) -> [Equipment] {
        (positionsByLine[line] ?? []).map { equipment[$0] }
    }

    /// The working calendars that differ from the site's, by line id.
    public var lineCalendars: [String: PlantCalendar] {
        Dictionary(lines.compactMap { line in line.calendar.map { (line.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The display name of a line ("Line B"), or its id.
    public func lineName(_ id: String) -> String {
        id == Equipment.noLine ? "no line" : lines.first { $0.id == id }?.name ?? id
    }

    /// Every task with its equipment, in configuration order.
    public var tasks: [(equipment: Equipment, task: MaintenanceTask)] {
        equipment.flatMap { e in e.tasks.map { (e, $0) } }
    }

    /// How many tasks there are on all machines.
    public var taskCount: Int { equipment.reduce(0) { $0 + $1.tasks.count } }

    /// Every task's key, in configuration order, without copying the equipment and tasks (a plant of 100,000 tasks
    /// made ``tasks`` a sixth of start-up).
    public var taskKeys: [TaskKey] {
        var keys: [TaskKey] = []
        keys.reserveCapacity(taskCount)
        for machine in equipment {
            for task in machine.tasks { keys.append(TaskKey(equipment: machine.id, task: task.id)) }
        }
        return keys
    }
}
