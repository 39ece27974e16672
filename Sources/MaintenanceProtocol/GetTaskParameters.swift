/// The parameters of `GetTask`.
public struct GetTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var historyLimit: Int?
    public init(equipment: String, task: String, historyLimit: Int? = nil) {
        self.equipment = equipment
        self.task = task
        self.historyLimit = historyLimit
    }
}
