/// The reply of `ListTasks`.
public struct ListTasksReply: Codable, Sendable {
    public var tasks: [WireTask]
    public init(tasks: [WireTask]) { self.tasks = tasks }
}
