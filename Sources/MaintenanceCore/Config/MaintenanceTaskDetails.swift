public import FoundationEssentials

/// The parts of a task that few tasks have, kept out of line (``MaintenanceTask``).
struct MaintenanceTaskDetails: Sendable, Equatable {
    var steps: [ChecklistStep] = []
    var followUpWithin = MaintenanceTask.defaultFollowUpWithin
    var estimatedDuration: MaintenanceInterval?
    var downtime = false
    var lockout = false
    var assignee: String?
    var parts: [SparePart] = []
    var dueOnce: Date?
    var followUpOf: Int64?
}
