/// Work a technician reports.
public struct CompletionRequest: Sendable, Equatable {
    public var task: TaskReference
    public var performedAt: String?
    /// "pass" or "fail" as asked; nil: pass unless a reading fails it.
    public var result: String?
    public var readings: [String: ReadingValue]
    public var note: String?
    /// Contractor work entered by the requester on the contractor's behalf.
    public var onBehalfOf: Contractor?
    /// Checklist answers by step id, as typed: "pass", "fail", "n-a", a number, or text.
    public var steps: [String: String] = [:]
    /// A non-conformance reference for what the work found ("NC-2026-0042").
    public var nonConformance: String?

    public init(
        task: TaskReference, performedAt: String? = nil, result: String? = nil, readings: [String: ReadingValue] = [:],
        note: String? = nil, onBehalfOf: Contractor? = nil, steps: [String: String] = [:],
        nonConformance: String? = nil
    ) {
        self.steps = steps
        self.nonConformance = nonConformance
        self.task = task
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
        self.onBehalfOf = onBehalfOf
    }
}
