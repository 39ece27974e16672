/// A part a task needs.
public struct WirePart: Codable, Sendable, Equatable {
    public var number: String
    public var quantity: Double
    public var description: String?

    public init(number: String, quantity: Double, description: String?) {
        self.number = number
        self.quantity = quantity
        self.description = description
    }
}
