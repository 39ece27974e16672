/// An event.
public struct WireEvent: Codable, Sendable, Equatable {
    public var kind: String
    public var message: String
    public var at: String
    public var equipment: String?
    public var task: String?
    public var line: String?
    public var state: String?
    public var dueAt: String?
    public var details: [String: String]

    public init(
        kind: String, message: String, at: String, equipment: String?, task: String?, line: String?,
        state: String?, dueAt: String?, details: [String: String]
    ) {
        self.kind = kind
        self.message = message
        self.at = at
        self.equipment = equipment
        self.task = task
        self.line = line
        self.state = state
        self.dueAt = dueAt
        self.details = details
    }
}
