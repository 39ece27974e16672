/// The parameters of `History`.
public struct HistoryParameters: Codable, Sendable {
    public var equipment: String?
    public var task: String?
    public var kind: String?
    public var since: String?
    public var limit: Int?
    public init(
        equipment: String? = nil, task: String? = nil, kind: String? = nil, since: String? = nil,
        limit: Int? = nil
    ) {
        self.equipment = equipment
        self.task = task
        self.kind = kind
        self.since = since
        self.limit = limit
    }
}
