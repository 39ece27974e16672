/// Where a task stands.
public enum DueState: String, Sendable, Codable, CaseIterable, Comparable {
    /// Not due yet and not inside its lead time.
    case scheduled
    /// Inside its lead time.
    case upcoming
    /// Past its due instant, within tolerance.
    case due
    /// Past its due instant plus tolerance.
    case overdue
    /// A lead postponed it until a time, with a reason.
    case deferred
    /// Its equipment is out of service.
    case suspended

    /// How urgent: overdue first, suspended last.
    public var urgency: Int {
        switch self {
        case .overdue: 5
        case .due: 4
        case .upcoming: 3
        case .deferred: 2
        case .scheduled: 1
        case .suspended: 0
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.urgency < b.urgency }
}
