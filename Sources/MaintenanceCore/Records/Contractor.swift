/// Someone from outside the plant who did the work a technician records on their behalf.
public struct Contractor: Sendable, Equatable, Codable {
    public var name: String
    public var company: String

    public init(name: String, company: String) {
        self.name = name
        self.company = company
    }
}
