/// A value a technician records when doing a task (a calibration's as-found or as-left value), with its limits.
public struct ReadingSpec: Sendable, Hashable {
    public var id: String
    public var unit: String
    public var label: String?
    public var min: Double?
    public var max: Double?

    /// Whether a value is within the acceptance limits.
    public func accepts(_ value: Double) -> Bool {
        (min.map { value >= $0 } ?? true) && (max.map { value <= $0 } ?? true)
    }
}
