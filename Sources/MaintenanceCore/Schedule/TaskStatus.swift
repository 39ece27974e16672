public import Foundation

/// A task's state at an instant, with the instants at which it changes.
public struct TaskStatus: Sendable, Equatable {
    public var key: TaskKey
    public var state: DueState
    public var trigger: TriggerKind
    /// Identifies the occurrence the state refers to: the due instant in RFC 3339 for time triggers,
    /// `meter:ID@VALUE` for meter triggers. Notifications, deferrals and skips refer to it.
    public var occurrence: String
    /// When it is (or became) due; nil for a meter occurrence not reached yet.
    public var dueAt: Date?
    /// When it becomes upcoming, if known.
    public var upcomingAt: Date?
    /// When it becomes (or became) overdue, if known.
    public var overdueAt: Date?
    /// For meter triggers, the meter's progress towards the due value.
    public var meter: MeterProgress?
    /// For meter triggers, when the meter is expected to reach the due value at its recent rate.
    public var forecastAt: Date?
    /// The deferral that applies to this occurrence, if any.
    public var deferral: Deferral?
    /// When it was last done (a passing completion, or `lastDone` from the configuration).
    public var lastDone: Date?
    /// The next instant at which the state changes by itself (without new records), if any.
    public var nextChange: Date?

    /// What announcements are remembered under: the occurrence, and the deferral it is under, so that a task is
    /// announced due again when a deferral runs out.
    public var announcementKey: String {
        deferral.map { "\(occurrence) deferred until \(Timestamp.rfc3339($0.until))" } ?? occurrence
    }

    /// The due instant, or the forecast one for a meter occurrence not reached yet.
    public var expectedAt: Date? { dueAt ?? forecastAt }
}
