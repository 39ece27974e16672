/// A value a task asks for.
public struct WireReading: Codable, Sendable, Equatable {
    public var id: String
    public var unit: String
    public var label: String?
    public var min: Double?
    public var max: Double?

    public init(id: String, unit: String, label: String?, min: Double?, max: Double?) {
        self.id = id
        self.unit = unit
        self.label = label
        self.min = min
        self.max = max
    }
}
