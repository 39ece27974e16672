public import FoundationEssentials
public import MaintenanceCore
public import MaintenanceProtocol

/// What maintd-web knows of the plant: the last answers maintd gave, or why it could not ask.
public struct PlantSnapshot: Sendable {
    public var status: WireStatus
    /// Every task, most urgent first, as ListTasks gave them.
    public var tasks: [WireTask]
    /// The production lines, by id, with their names ("" is equipment outside any line).
    public var lines: [(id: String, name: String)]
    /// The site's zone, for the times people read.
    public var zone: TimeZoneRules
    /// When maintd answered.
    public var takenAt: Date
    /// Counts every snapshot taken, so that pages know they have the newest.
    public var version: Int

    public init(status: WireStatus, tasks: [WireTask], zone: TimeZoneRules, takenAt: Date, version: Int) {
        self.status = status
        self.tasks = tasks
        self.zone = zone
        self.takenAt = takenAt
        self.version = version
        var seen: Set<String> = []
        var lines: [(id: String, name: String)] = []
        for task in tasks where seen.insert(task.line).inserted { lines.append((task.line, task.lineName)) }
        self.lines = lines.sorted { ($0.id.isEmpty ? 1 : 0, $0.id) < ($1.id.isEmpty ? 1 : 0, $1.id) }
    }

    /// The tasks of a line (all of them for nil).
    public func tasks(on line: String?) -> [WireTask] {
        guard let line else { return tasks }
        return tasks.filter { $0.line == line }
    }

    /// Whether the plant has this line.
    public func hasLine(_ line: String) -> Bool { lines.contains { $0.id == line } }
}

/// What a page or a scrape gets: the newest snapshot, and whether maintd answers now.
public struct FeedState: Sendable {
    public var snapshot: PlantSnapshot?
    /// Why maintd could not be asked last time, if it could not.
    public var problem: String?
    /// The last history verification: intact or not, how many records, in words, and when.
    public var verification: (intact: Bool, records: Int, summary: String, at: Date)?

    public init(snapshot: PlantSnapshot? = nil, problem: String? = nil) {
        self.snapshot = snapshot
        self.problem = problem
    }
}
