/// What kind of maintenance a task is.
public enum TaskKind: String, Sendable, CaseIterable, Codable {
    case lubrication, calibration, inspection, cleaning, replacement, test, other

    /// "Calibration", for messages.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}
