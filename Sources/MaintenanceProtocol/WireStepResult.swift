/// A checklist step as it was answered, with its text as it was then.
public struct WireStepResult: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var type: String
    /// "pass", "fail" or "n-a" for a check.
    public var check: String?
    public var value: Double?
    public var answer: String?
    public var unit: String?
    public var min: Double?
    public var max: Double?
    public var failed: Bool

    public init(
        id: String, text: String, type: String, check: String?, value: Double?, answer: String?, unit: String?,
        min: Double?, max: Double?, failed: Bool
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
