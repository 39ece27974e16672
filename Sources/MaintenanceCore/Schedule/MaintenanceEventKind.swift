/// Every kind of event maintd reports (to journald, and to `Watch` clients).
public enum MaintenanceEventKind: String, Sendable, Codable, CaseIterable {
    case upcoming
    case due
    case overdue
    case overdueReminder = "overdue-reminder"
    case completed
    case corrected
    case deferred
    case skipped
    case outOfTolerance = "out-of-tolerance"
    case meterRecorded = "meter-recorded"
    case meterRejected = "meter-rejected"
    case configReloaded = "config-reloaded"
    case configRejected = "config-rejected"
    case started
    case stopping
    case permissionDenied = "permission-denied"

    /// syslog priority: upcoming info, due notice, overdue warning, failures error.
    public var priority: Int {
        switch self {
        case .upcoming, .completed, .corrected, .deferred, .skipped, .meterRecorded, .configReloaded, .started,
            .stopping:
            6
        case .due: 5
        case .overdue, .overdueReminder, .meterRejected, .permissionDenied: 4
        case .outOfTolerance, .configRejected: 3
        }
    }
}
