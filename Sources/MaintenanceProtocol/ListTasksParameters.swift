/// The parameters of `ListTasks`.
public struct ListTasksParameters: Codable, Sendable {
    public var line: String?
    public var equipment: String?
    public var kind: String?
    public var state: String?
    public var dueWithin: String?
    /// Only tasks assigned to the caller or one of their groups.
    public var mine: Bool?
    public init(
        line: String? = nil, equipment: String? = nil, kind: String? = nil, state: String? = nil,
        dueWithin: String? = nil, mine: Bool? = nil
    ) {
        self.mine = mine
        self.line = line
        self.equipment = equipment
        self.kind = kind
        self.state = state
        self.dueWithin = dueWithin
    }
}
