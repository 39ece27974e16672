/// Which occurrences a compliance report lists besides counting them all.
public enum ComplianceListing: Sendable, Equatable {
    /// Every occurrence.
    case all
    /// Only late, missed, deferred and skipped ones, the earliest due up to this many: a year of a large plant has
    /// millions of occurrences, and a reply (and the memory to make it) should not.
    case exceptions(limit: Int)
}
