/// The reply of `GetTask`.
public struct GetTaskReply: Codable, Sendable {
    public var task: WireTask
    public var instructions: String?
    public var readings: [WireReading]
    public var history: [WireRecord]
    public init(task: WireTask, instructions: String?, readings: [WireReading], history: [WireRecord]) {
        self.task = task
        self.instructions = instructions
        self.readings = readings
        self.history = history
    }
}
