/// A value a task asks for.
public struct WireReading: Codable, Sendable, Equatable {
    public var id: String
    public var unit: String
    public var label: String?
    public var min: Double?
    public var max: Double?
    /// "number" or "check".
    public var type: String
    /// "as-found" or "as-left".
    public var stage: String
    public var required: Bool

    public init(
        id: String, unit: String, label: String?, min: Double?, max: Double?, type: String, stage: String,
        required: Bool
    ) {
        self.type = type
        self.stage = stage
        self.required = required
        self.id = id
        self.unit = unit
        self.label = label
        self.min = min
        self.max = max
    }
}
