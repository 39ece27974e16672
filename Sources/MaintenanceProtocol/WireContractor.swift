/// Someone from outside the plant who did work a technician records on their behalf.
public struct WireContractor: Codable, Sendable, Equatable {
    public var name: String
    public var company: String

    public init(name: String, company: String) {
        self.name = name
        self.company = company
    }
}
