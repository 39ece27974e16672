/// A value a technician records when doing a task (a calibration's as-found or as-left value, or a pass/fail check),
/// with its acceptance limits.
public struct ReadingSpec: Sendable, Hashable {
    /// Whether a reading is a measured number or a check that passes or fails.
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case number
        case check
    }

    /// When, in a calibration, the reading is taken: before adjustment (as found) or after (as left).
    public enum Stage: String, Sendable, Hashable, CaseIterable {
        /// Found out of limits, it is a finding: work measured with the instrument since its last good calibration
        /// may need review. It does not decide pass or fail.
        case asFound = "as-found"
        /// Decides pass or fail.
        case asLeft = "as-left"
    }

    public var id: String
    public var unit: String
    public var label: String?
    public var min: Double?
    public var max: Double?
    public var type: ValueType
    public var stage: Stage
    /// A passing completion needs every required reading.
    public var required: Bool

    public init(
        id: String, unit: String = "", label: String? = nil, min: Double? = nil, max: Double? = nil,
        type: ValueType = .number, stage: Stage = .asLeft, required: Bool = true
    ) {
        self.id = id
        self.unit = unit
        self.label = label
        self.min = min
        self.max = max
        self.type = type
        self.stage = stage
        self.required = required
    }

    /// Whether a value is within the acceptance limits (a check within limits is one that passed).
    public func accepts(_ value: ReadingValue) -> Bool {
        switch value {
        case .number(let number): (min.map { number >= $0 } ?? true) && (max.map { number <= $0 } ?? true)
        case .check(let passed): passed
        }
    }

    /// "min 115.2, max 124.8", or "pass" for a check.
    public var limitsText: String {
        if type == .check { return "pass" }
        return [
            min.map { "min \($0.formatted(maxFractionDigits: 6))" },
            max.map { "max \($0.formatted(maxFractionDigits: 6))" },
        ].compactMap { $0 }.joined(separator: ", ")
    }
}
