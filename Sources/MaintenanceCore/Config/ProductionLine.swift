/// A production line that equipment belongs to.
public struct ProductionLine: Sendable, Hashable {
    public var id: String
    public var name: String
}
