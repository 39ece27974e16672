/// Where a completion that needs review stands.
public enum ReviewState: Sendable, Equatable {
    /// Waiting for a second person.
    case awaiting
    /// Reviewed in the review record given.
    case reviewed(by: Int64, verdict: ReviewVerdict)
}
