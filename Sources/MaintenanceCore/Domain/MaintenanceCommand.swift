/// Something a person asks maintd to record. Times are as typed (RFC 3339, or site time without an offset); the
/// model parses and checks them against the configuration and the history.
public enum MaintenanceCommand: Sendable, Equatable {
    /// Work done on a task.
    case complete(CompletionRequest)
    /// A new record superseding (or withdrawing) a completion.
    case correct(CorrectionRequest)
    /// Postpone the current occurrence until a time (leads).
    case deferOccurrence(TaskReference, until: String, reason: String?)
    /// Cancel the deferral of the current occurrence (leads).
    case cancelDeferral(TaskReference, reason: String?)
    /// Skip the current occurrence (leads).
    case skip(TaskReference, reason: String?)
    /// A meter value, pushed by an integrator or typed by a technician.
    case recordMeter(equipment: String, meter: String, value: Double, at: String?)
    /// A corrected value for a meter reading, or its withdrawal when `value` is nil (leads).
    case correctMeterReading(record: Int64, value: Double?, reason: String?)
    /// A second person's review of a completion that waits for one; a rejection needs a reason.
    case review(record: Int64, verdict: ReviewVerdict, reason: String?)

}

/// A task as a request names it: by current or former ids.
public struct TaskReference: Sendable, Equatable {
    public var equipment: String
    public var task: String

    public init(equipment: String, task: String) {
        self.equipment = equipment
        self.task = task
    }
}
