/// The result of checking the hash chain.
public struct HistoryVerification: Sendable, Equatable {
    /// How many records were found intact before the first problem (all of them when there is none).
    public var records: Int
    /// The first break in the chain, or nil when the history is intact.
    public var problem: String?
}
