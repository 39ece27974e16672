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
    /// An as-found reading outside its limits: work measured with the instrument may need review.
    case finding
    case deferralCancelled = "deferral-cancelled"
    case meterCorrected = "meter-corrected"
    /// A second person accepted a completion that needed review: it counts now.
    case reviewed
    /// A second person rejected a completion: it does not count.
    case reviewRejected = "review-rejected"
    /// A reload removed tasks that had open work or history.
    case tasksRemoved = "tasks-removed"
    case meterRecorded = "meter-recorded"
    case meterRejected = "meter-rejected"
    case configReloaded = "config-reloaded"
    case configRejected = "config-rejected"
    case started
    case stopping
    case permissionDenied = "permission-denied"
    case followUpOpened = "follow-up-opened"

    /// syslog priority: upcoming info, due notice, overdue warning, failures error.
    public var priority: Int {
        switch self {
        case .upcoming, .completed, .corrected, .deferred, .deferralCancelled, .skipped, .meterRecorded,
            .meterCorrected, .configReloaded, .started, .stopping, .reviewed:
            6
        case .due: 5
        case .overdue, .overdueReminder, .meterRejected, .permissionDenied, .tasksRemoved, .reviewRejected,
            .followUpOpened:
            4
        case .outOfTolerance, .finding, .configRejected: 3
        }
    }
}
