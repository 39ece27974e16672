/// A validated configuration: the site, its lines, equipment and tasks.
public struct Configuration: Sendable {
    public var siteName: String
    /// The IANA name of the site's zone; schedules and calendar expressions are evaluated in it.
    public var timezone: String
    public var zone: TimeZoneRules
    public var lines: [ProductionLine]
    public var equipment: [Equipment]
    public var roles: RoleGroups
    /// How often an overdue task is reminded again.
    public var overdueReminder: MaintenanceInterval
    /// The files it was read from, main file first.
    public var files: [String]

    /// The equipment with this id, or whose former id this is.
    public func equipment(_ id: String) -> Equipment? {
        equipment.first { $0.id == id } ?? equipment.first { $0.formerIds.contains(id) }
    }

    /// The display name of a line ("Line B"), or its id.
    public func lineName(_ id: String) -> String {
        id == Equipment.noLine ? "no line" : lines.first { $0.id == id }?.name ?? id
    }

    /// Every task with its equipment, in configuration order.
    public var tasks: [(equipment: Equipment, task: MaintenanceTask)] {
        equipment.flatMap { e in e.tasks.map { (e, $0) } }
    }
}
