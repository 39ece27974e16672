/// The parameters of `DeferTask`.
public struct DeferTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var until: String
    public var reason: String
    public init(equipment: String, task: String, until: String, reason: String) {
        self.equipment = equipment
        self.task = task
        self.until = until
        self.reason = reason
    }
}
