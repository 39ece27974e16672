/// What became of one scheduled occurrence, as a compliance report counts it.
public enum OccurrenceResult: String, Sendable, CaseIterable, Codable {
    /// Passed by its deadline.
    case onTime
    /// Passed after its deadline.
    case late
    /// Not passed, and its deadline (extended by any deferral) is behind us.
    case missed
    /// Not passed yet, and its window has not closed.
    case open
    /// Deferred by a lead and done (or still open) within the deferral: counted apart, with the reasons.
    case deferred
    /// Skipped by a lead: counted apart.
    case skipped

    /// What a report lists besides the counts: late, missed, deferred and skipped.
    public var isException: Bool { self != .onTime && self != .open }

    /// Words for people ("on time").
    public var words: String {
        switch self {
        case .onTime: "on time"
        case .late: "late"
        case .missed: "missed"
        case .open: "open"
        case .deferred: "deferred"
        case .skipped: "skipped"
        }
    }
}
