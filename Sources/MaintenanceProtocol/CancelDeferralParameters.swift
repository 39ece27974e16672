/// The parameters of `CancelDeferral`.
public struct CancelDeferralParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var reason: String

    public init(equipment: String, task: String, reason: String) {
        self.equipment = equipment
        self.task = task
        self.reason = reason
    }
}
