public import FoundationEssentials

/// A parsed systemd calendar expression (`OnCalendar=` in systemd.time(7)), bound to the zone it is evaluated in.
///
/// Parsing, normalisation and the next elapse follow systemd 252 (`src/shared/calendarspec.c`) step by step, so that
/// results equal `systemd-analyze calendar`, including DST gaps and overlaps and impossible dates.
public struct CalendarSpec: Sendable {
    /// Weekday bit mask, bit 0 = Monday, or -1 for any weekday.
    package var weekdays: Int = -1
    package var endOfMonth = false
    package var utc = false
    /// Daylight saving flag forced by a local zone abbreviation suffix ("CEST"), -1 when none was given.
    package var dst = -1
    /// The zone named at the end of the expression ("Europe/Berlin"), if any.
    package var timezoneName: String?
    /// Fields; an empty array means `*` (any value).
    package var year: [CalendarComponent] = []
    package var month: [CalendarComponent] = []
    package var day: [CalendarComponent] = []
    package var hour: [CalendarComponent] = []
    package var minute: [CalendarComponent] = []
    /// Seconds in microseconds.
    package var microsecond: [CalendarComponent] = []

    /// The expression as written.
    public internal(set) var original: String = ""
    /// The zone used when the expression names none (the site's, or `$TZ` for `maintctl calendar`).
    package var localZone: TimeZoneRules = .utc
    /// Rules of ``timezoneName``.
    package var namedZone: TimeZoneRules?

    package init() {}

    /// Parses an expression; `localZone` is used when the expression names no zone of its own.
    public init(
        _ expression: String, localZone: TimeZoneRules, resolver: any TimeZoneResolver
    )
        throws(CalendarExpressionError)
    {
        var parser = CalendarSpecParser(expression: expression, localZone: localZone, resolver: resolver)
        self = try parser.parse()
    }

    /// Whether the expression carries its own zone, so that evaluation does not depend on the local one.
    public var hasOwnZone: Bool { utc || timezoneName != nil }

    /// The rules the expression is evaluated in.
    package var evaluationZone: TimeZoneRules {
        if utc { return .utc }
        return namedZone ?? localZone
    }

    /// The first elapse strictly after `date`, or nil if the expression never elapses again (or, like systemd,
    /// cannot be resolved because every time it names falls into a clock change).
    public func nextElapse(after date: Date) -> Date? {
        var clock = LocalClock(rules: evaluationZone)
        guard case .at(let next) = nextElapse(afterMicroseconds: date.microsecondsSinceEpoch, clock: &clock) else {
            return nil
        }
        return Date(microsecondsSinceEpoch: next)
    }

    /// The next `count` elapses after `date`, carrying `mktime`'s memory across iterations as `systemd-analyze` does.
    public func elapses(after date: Date, count: Int) -> CalendarElapses {
        var clock = LocalClock(rules: evaluationZone)
        var result = CalendarElapses()
        var from = date.microsecondsSinceEpoch
        while result.dates.count < count {
            // systemd evaluates expressions with their own zone in a forked child: a fresh `mktime` memory each time.
            if timezoneName != nil { clock = LocalClock(rules: evaluationZone) }
            switch nextElapse(afterMicroseconds: from, clock: &clock) {
            case .at(let next):
                result.dates.append(Date(microsecondsSinceEpoch: next))
                from = next
            case .never:
                return result
            case .failed:
                result.unresolvable = true
                return result
            }
        }
        return result
    }
}
