/// A record of the history.
public struct WireRecord: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var recordedAt: String
    public var by: String
    public var uid: Int64
    public var equipment: String?
    public var task: String?
    public var corrects: Int64?
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    public var checks: [String: Bool]?
    public var note: String?
    public var outOfTolerance: [String]?
    public var findings: [String]?
    /// The checklist as answered.
    public var steps: [WireStepResult]?
    /// The non-conformance reference given for what the work found.
    public var nonConformance: String?
    /// For completions: when the occurrence they were done for was due and overdue, and whether a pass came in time.
    public var dueAt: String?
    public var overdueAt: String?
    public var onTime: Bool?
    public var meter: String?
    public var value: Double?
    public var at: String?
    public var until: String?
    public var reason: String?
    public var occurrence: String?
    public var summary: String?
    public var supersededBy: Int64?
    /// The signer's printed name and what the signature means (performed, reviewed, approved, corrected).
    public var signedBy: String?
    public var meaning: String?
    /// Contractor work: who did it (the record's author entered it).
    public var onBehalfOf: WireContractor?
    /// For a completion (or correction) that needs review: "awaiting", "accepted" or "rejected", and the review.
    public var review: String?
    public var reviewedIn: Int64?
    public var hash: String

    public init(id: Int64, kind: String, recordedAt: String, by: String, uid: Int64, hash: String) {
        self.id = id
        self.kind = kind
        self.recordedAt = recordedAt
        self.by = by
        self.uid = uid
        self.hash = hash
    }
}
