/// A part a task needs, to have at hand before the work starts.
public struct SparePart: Sendable, Hashable {
    public var number: String
    public var quantity: Double
    public var description: String?

    public init(number: String, quantity: Double, description: String? = nil) {
        self.number = number
        self.quantity = quantity
        self.description = description
    }
}
