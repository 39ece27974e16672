/// A meter and its latest reading.
public struct WireMeter: Codable, Sendable, Equatable {
    public var id: String
    public var unit: String
    public var value: Double?
    public var at: String?

    public init(id: String, unit: String, value: Double?, at: String?) {
        self.id = id
        self.unit = unit
        self.value = value
        self.at = at
    }
}
