/// The parameters of `CompleteTask`.
public struct CompleteTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    /// Check readings: true when the check passed.
    public var checks: [String: Bool]?
    public var note: String?
    /// Contractor work: who did it, entered by the caller on their behalf.
    public var onBehalfOf: WireContractor?
    /// Checklist answers by step id: "pass", "fail", "n-a", a number, or text.
    public var steps: [String: String]?
    /// A non-conformance reference for what the work found ("NC-2026-0042").
    public var nonConformance: String?
    public init(
        equipment: String, task: String, performedAt: String? = nil, result: String? = nil,
        readings: [String: Double]? = nil, checks: [String: Bool]? = nil, note: String? = nil,
        onBehalfOf: WireContractor? = nil, steps: [String: String]? = nil, nonConformance: String? = nil
    ) {
        self.nonConformance = nonConformance
        self.steps = steps
        self.onBehalfOf = onBehalfOf
        self.equipment = equipment
        self.task = task
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.checks = checks
        self.note = note
    }
}
