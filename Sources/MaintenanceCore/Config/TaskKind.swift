/// What kind of maintenance a task is.
public enum TaskKind: String, Sendable, CaseIterable, Codable {
    case lubrication, calibration, inspection, cleaning, replacement, test, other
    /// Follow-up work a failure or a finding opened (maintd makes these; a configuration may too).
    case corrective

    /// "Calibration", for messages.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
