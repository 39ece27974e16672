/// A completion waiting for a second person's review.
public struct WireReview: Codable, Sendable, Equatable {
    /// The record to review (the completion, or the correction that made its latest version).
    public var record: WireRecord
    /// The task as it stands now; nil when a reload removed it (what was recorded still waits for review).
    public var task: WireTask?
    /// The role a reviewer needs.
    public var role: String
    /// Who recorded or corrected it: none of them may review it.
    public var signers: [String]
    /// Whether the caller may review it.
    public var mayReview: Bool

    public init(record: WireRecord, task: WireTask?, role: String, signers: [String], mayReview: Bool) {
        self.record = record
        self.task = task
        self.role = role
        self.signers = signers
        self.mayReview = mayReview
    }
}
