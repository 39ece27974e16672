public import FoundationEssentials

/// What the daemon must do after a scheduler event.
public enum SchedulerAction: Sendable, Equatable {
    /// Sleep until this instant (nil: nothing will change by itself).
    case arm(deadline: Date?)
    /// Report these events, and remember them in the notification ledger.
    case notify([MaintenanceEvent])
    /// These tasks were seen for the first time now; remember it (it is when they fall due if nothing else says).
    case recordFirstSeen([TaskKey], at: Date)
}
