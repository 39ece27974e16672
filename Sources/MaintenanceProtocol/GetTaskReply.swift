/// The reply of `GetTask`.
public struct GetTaskReply: Codable, Sendable {
    public var task: WireTask
    public var instructions: String?
    public var readings: [WireReading]
    public var history: [WireRecord]
    /// The checklist to answer when recording the work.
    public var steps: [WireStep]
    public init(
        task: WireTask, instructions: String?, readings: [WireReading], history: [WireRecord], steps: [WireStep] = []
    ) {
        self.steps = steps
        self.task = task
        self.instructions = instructions
        self.readings = readings
        self.history = history
    }
}
