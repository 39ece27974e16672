public import FoundationEssentials

/// Consecutive elapses of a calendar expression.
public struct CalendarElapses: Sendable, Equatable {
    /// The elapses found, in order.
    public var dates: [Date] = []
    /// True when the search stopped because systemd's algorithm cannot resolve the next elapse (it reports
    /// "Infinite loop in calendar calculation"), rather than because the expression never elapses again.
    public var unresolvable = false

    public init() {}
}
