/// An announcement made (the notification ledger).
public struct NotificationRecord: Sendable, Equatable, Codable {
    public var event: MaintenanceEventKind
    /// The occurrence (and deferral) the state refers to, in ``AnnouncementKey``'s text form.
    public var occurrence: String
    public var state: DueState
    public var message: String

    public init(event: MaintenanceEventKind, occurrence: String, state: DueState, message: String) {
        self.event = event
        self.occurrence = occurrence
        self.state = state
        self.message = message
    }
}
