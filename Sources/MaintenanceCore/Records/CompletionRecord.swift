public import FoundationEssentials

/// A task done: what a technician records, and what it satisfied.
public struct CompletionRecord: Sendable, Equatable, Codable {
    public var performedAt: Date
    public var result: CompletionResult
    /// Values by reading id: numbers, or checks that passed or failed.
    public var readings: [String: ReadingValue]
    public var note: String?
    /// As-left readings (and checks) outside the task's limits: they failed the completion.
    public var outOfTolerance: [String]
    /// As-found readings outside the limits: the instrument was found out of tolerance, so work measured with it since
    /// its last good calibration may need review.
    public var findings: [String]
    /// The occurrence the work was done for, when it was due and when it became overdue, and whether a passing
    /// completion came in time (nil for records from before maintd stated it, and for failed ones).
    public var occurrence: Occurrence?
    public var dueAt: Date?
    public var overdueAt: Date?
    public var onTime: Bool?
    /// Contractor work: who did it (the record's author entered it on their behalf).
    public var onBehalfOf: Contractor?
    /// The role whose second person must review this completion before it counts (the task's rule when recorded).
    public var review: Role?
    /// The checklist as answered, each step with its text as it was then.
    public var steps: [StepResult] = []
    /// The quality system's non-conformance reference for what this work found (CAPA).
    public var nonConformance: String?

    public init(
        performedAt: Date, result: CompletionResult, readings: [String: ReadingValue] = [:], note: String? = nil,
        outOfTolerance: [String] = [], findings: [String] = [], occurrence: Occurrence? = nil, dueAt: Date? = nil,
        overdueAt: Date? = nil, onTime: Bool? = nil, onBehalfOf: Contractor? = nil, review: Role? = nil
    ) {
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
        self.outOfTolerance = outOfTolerance
        self.findings = findings
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.overdueAt = overdueAt
        self.onTime = onTime
        self.onBehalfOf = onBehalfOf
        self.review = review
    }

    public var passed: Bool { result == .pass }

    /// Whether it waits for a second person before it counts: a pass of a task that requires review. A failure counts
    /// at once (it starts the retest clock and can put equipment out of tolerance) and needs no review.
    public var needsReview: Bool { review != nil && passed }

    private enum CodingKeys: String, CodingKey {
        case performedAt, result, readings, note, outOfTolerance, findings, occurrence, dueAt, overdueAt, onTime
        case onBehalfOf, review, steps, nonConformance
    }

    // Records written before findings and occurrences existed lack those keys.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        performedAt = try c.decode(Date.self, forKey: .performedAt)
        result = try c.decode(CompletionResult.self, forKey: .result)
        readings = try c.decodeIfPresent([String: ReadingValue].self, forKey: .readings) ?? [:]
        note = try c.decodeIfPresent(String.self, forKey: .note)
        outOfTolerance = try c.decodeIfPresent([String].self, forKey: .outOfTolerance) ?? []
        findings = try c.decodeIfPresent([String].self, forKey: .findings) ?? []
        occurrence = try c.decodeIfPresent(Occurrence.self, forKey: .occurrence)
        dueAt = try c.decodeIfPresent(Date.self, forKey: .dueAt)
        overdueAt = try c.decodeIfPresent(Date.self, forKey: .overdueAt)
        onTime = try c.decodeIfPresent(Bool.self, forKey: .onTime)
        onBehalfOf = try c.decodeIfPresent(Contractor.self, forKey: .onBehalfOf)
        review = try c.decodeIfPresent(Role.self, forKey: .review)
        steps = try c.decodeIfPresent([StepResult].self, forKey: .steps) ?? []
        nonConformance = try c.decodeIfPresent(String.self, forKey: .nonConformance)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(performedAt, forKey: .performedAt)
        try c.encode(result, forKey: .result)
        try c.encode(readings, forKey: .readings)
        try c.encodeIfPresent(note, forKey: .note)
        try c.encode(outOfTolerance, forKey: .outOfTolerance)
        try c.encode(findings, forKey: .findings)
        try c.encodeIfPresent(occurrence, forKey: .occurrence)
        try c.encodeIfPresent(dueAt, forKey: .dueAt)
        try c.encodeIfPresent(overdueAt, forKey: .overdueAt)
        try c.encodeIfPresent(onTime, forKey: .onTime)
        try c.encodeIfPresent(onBehalfOf, forKey: .onBehalfOf)
        try c.encodeIfPresent(review, forKey: .review)
        // Records without a checklist stay byte for byte what they were (their hashes cover the text).
        if !steps.isEmpty { try c.encode(steps, forKey: .steps) }
        try c.encodeIfPresent(nonConformance, forKey: .nonConformance)
    }
}
