/// Identifies a task: its equipment's id and its own, written `EQUIPMENT/TASK`.
public struct TaskKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var equipment: String
    public var task: String

    public init(equipment: String, task: String) {
        self.equipment = equipment
        self.task = task
    }

    /// Parses `EQUIPMENT/TASK`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(equipment: String(parts[0]), task: String(parts[1]))
    }

    public var description: String { "\(equipment)/\(task)" }

    public static func < (a: Self, b: Self) -> Bool { (a.equipment, a.task) < (b.equipment, b.task) }
}
