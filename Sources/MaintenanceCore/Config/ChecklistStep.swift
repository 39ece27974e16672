/// One step of a task's checklist: what to do or check, and what to record for it.
public struct ChecklistStep: Sendable, Hashable {
    /// What a step records.
    public enum StepType: String, Sendable, Hashable, CaseIterable {
        /// Pass, fail or n-a; a fail fails the work.
        case check
        /// A measured number, within `min` and `max` or the work fails.
        case number
        /// Free text (what was found, a batch number).
        case text
        /// The reading of one of the equipment's meters, recorded as a meter reading too.
        case meter
    }

    public var id: String
    public var text: String
    public var type: StepType
    public var unit: String
    public var min: Double?
    public var max: Double?
    /// For a meter step, the equipment's meter it reads.
    public var meter: String?
    /// A passing completion needs an answer to every required step.
    public var required: Bool

    public init(
        id: String, text: String, type: StepType = .check, unit: String = "", min: Double? = nil, max: Double? = nil,
        meter: String? = nil, required: Bool = true
    ) {
        self.id = id
        self.text = text
        self.type = type
        self.unit = unit
        self.min = min
        self.max = max
        self.meter = meter
        self.required = required
    }
}
