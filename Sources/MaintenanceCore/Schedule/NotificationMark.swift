public import FoundationEssentials

/// The last state announced for a task, rebuilt from the notification ledger after a restart.
public struct NotificationMark: Sendable, Equatable {
    public var occurrence: AnnouncementKey
    public var state: DueState
    /// When the latest announcement (or overdue reminder) for this occurrence was made.
    public var notifiedAt: Date

    public init(occurrence: AnnouncementKey, state: DueState, notifiedAt: Date) {
        self.occurrence = occurrence
        self.state = state
        self.notifiedAt = notifiedAt
    }
}
