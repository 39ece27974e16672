/// The parameters of `ListTasks`.
public struct ListTasksParameters: Codable, Sendable {
    public var line: String?
    public var equipment: String?
    public var kind: String?
    public var state: String?
    public var dueWithin: String?
    public init(
        line: String? = nil, equipment: String? = nil, kind: String? = nil, state: String? = nil,
        dueWithin: String? = nil
    ) {
        self.line = line
        self.equipment = equipment
        self.kind = kind
        self.state = state
        self.dueWithin = dueWithin
    }
}
