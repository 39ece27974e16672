/// What a reviewer decided about a completion.
public enum ReviewVerdict: String, Sendable, Codable, CaseIterable {
    /// The completion counts from when the work was performed.
    case accepted
    /// The completion does not count: the work is to be corrected or done again.
    case rejected
}
