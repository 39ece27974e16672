/// A second person's review of a completion (the record it reviews is in `corrects`).
public struct ReviewRecord: Sendable, Equatable, Codable {
    public var verdict: ReviewVerdict
    /// Required for a rejection.
    public var reason: String?

    public init(verdict: ReviewVerdict, reason: String?) {
        self.verdict = verdict
        self.reason = reason
    }
}
