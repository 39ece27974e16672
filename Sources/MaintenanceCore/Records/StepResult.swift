/// What was recorded for one checklist step, with the step as it read then (a later edit of the checklist does not
/// change what the technician was asked).
public struct StepResult: Sendable, Equatable, Codable {
    /// A check's outcome.
    public enum Check: String, Sendable, Equatable, Codable {
        case pass
        case fail
        case notApplicable = "n-a"
    }

    public var id: String
    public var text: String
    public var type: String
    public var check: Check?
    public var value: Double?
    public var answer: String?
    public var unit: String?
    public var min: Double?
    public var max: Double?
    /// The step failed: a failed check, or a number outside its limits.
    public var failed: Bool

    public init(
        id: String, text: String, type: String, check: Check? = nil, value: Double? = nil, answer: String? = nil,
        unit: String? = nil, min: Double? = nil, max: Double? = nil, failed: Bool = false
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.check = check
        self.value = value
        self.answer = answer
        self.unit = unit
        self.min = min
        self.max = max
        self.failed = failed
    }
}
