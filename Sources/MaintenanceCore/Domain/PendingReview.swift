public import FoundationEssentials

/// A completion waiting for a second person's review.
public struct PendingReview: Sendable, Equatable {
    /// The record to review: the completion, or the correction that made its latest version.
    public var record: Int64
    /// The completion it is a version of.
    public var completion: Int64
    public var task: TaskKey
    public var version: CompletionRecord
    /// Who recorded it, and who corrected it since: none of them may review it.
    public var signers: [RecordAuthor]
    /// The role a reviewer needs.
    public var role: Role

    public init(
        record: Int64, completion: Int64, task: TaskKey, version: CompletionRecord, signers: [RecordAuthor], role: Role
    ) {
        self.record = record
        self.completion = completion
        self.task = task
        self.version = version
        self.signers = signers
        self.role = role
    }

    /// Whether a requester may review it: another person, with the role.
    public func reviewable(by requester: Requester, role: Role) -> Bool {
        role >= self.role && !signers.contains { $0.uid == requester.uid }
    }
}
