public import FoundationEssentials

/// A machine, tool or gauge that needs maintenance.
public struct Equipment: Sendable {
    public var id: String
    public var name: String
    /// The production line's id ("line-b"), or ``noLine``.
    public var line: String

    /// The line of equipment outside any production line; shown as "—", filtered with `--line -`.
    public static let noLine = ""
    public var location: String
    /// Out-of-service equipment has its tasks suspended.
    public var inService: Bool
    public var commissioned: Date?
    public var meters: [Meter]
    public var tasks: [MaintenanceTask]
    /// Ids this equipment had before a rename, so its history stays attached.
    public var formerIds: [String]
    public var source: ConfigurationSourceReference

    /// The meter with this id.
    public func meter(_ id: String) -> Meter? { meters.first { $0.id == id } }

    /// The task with this id.
    public func task(_ id: String) -> MaintenanceTask? { tasks.first { $0.id == id } }
}
