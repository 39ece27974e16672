/// A checklist step as a task asks it: type "check" (pass, fail or n-a), "number", "text" or "meter".
public struct WireStep: Codable, Sendable, Equatable {
    public var id: String
    public var text: String
    public var type: String
    public var unit: String?
    public var min: Double?
    public var max: Double?
    public var meter: String?
    public var required: Bool

    public init(
        id: String, text: String, type: String, unit: String?, min: Double?, max: Double?, meter: String?,
        required: Bool
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.unit = unit
        self.min = min
        self.max = max
        self.meter = meter
        self.required = required
    }
}
