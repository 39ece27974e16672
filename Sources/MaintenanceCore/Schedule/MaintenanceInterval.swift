public import FoundationEssentials

/// A span between maintenance occurrences: `"90d"`, `"2w"`, `"8h"`, `"1w 2d"`, `"3 months"`, `"1 year"`.
///
/// Months and years follow the calendar in the site's zone (Mar 15 + 3 months = Jun 15; Jan 31 + 1 month = the end
/// of February). Days and weeks are calendar days too, so a weekly task due Monday 06:00 stays at 06:00 across a
/// DST change; hours, minutes and seconds are exact elapsed time.
public struct MaintenanceInterval: Sendable, Hashable, CustomStringConvertible {
    public var months: Int
    public var days: Int
    public var microseconds: Int64
    /// The text it was written as, for messages.
    public var text: String

    public init(months: Int = 0, days: Int = 0, microseconds: Int64 = 0, text: String? = nil) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
        self.text = text ?? Self.format(months: months, days: days, microseconds: microseconds)
    }

    public var description: String { text }

    public var isZero: Bool { months == 0 && days == 0 && microseconds == 0 }

    /// A rough length in seconds (a month as 30.44 days), to compare and order intervals; not for scheduling.
    public var approximateSeconds: Double {
        Double(months) * 2_629_800 + Double(days) * 86_400 + Double(microseconds) / 1_000_000
    }

    /// `date` moved forward by `count` times this interval in `zone`: months first (clamped to the month's end),
    /// then days at the same wall-clock time, then exact time.
    public func advance(_ date: Date, times count: Int = 1, in zone: TimeZoneRules) -> Date {
        var us = date.microsecondsSinceEpoch
        if months != 0 || days != 0 {
            let seconds = us.floorDivided(by: 1_000_000)
            let fraction = us - seconds * 1_000_000
            let start = zone.localTime(at: seconds)
            let totalMonths = start.year * 12 + start.month0 + months * count
            let year = totalMonths.floorDivided(by: 12)
            let month0 = totalMonths.floorModulo(12)
            let day = min(start.day, Gregorian.daysInMonth(year: year, month: month0 + 1))
            var target = BrokenDownTime(
                year: year, month0: month0, day: day, hour: start.hour,
                minute: start.minute, second: start.second)
            target.day += days * count
            let t = zone.instant(forLocal: target, preferringOffset: start.utcOffset)
            us = t * 1_000_000 + fraction
        }
        us += microseconds * Int64(count)
        return Date(microsecondsSinceEpoch: us)
    }

    /// `date` moved back by this interval (for "due at commissioning + interval" in reverse, and lead times).
    public func retreat(_ date: Date, in zone: TimeZoneRules) -> Date {
        MaintenanceInterval(months: -months, days: -days, microseconds: -microseconds, text: text)
            .advance(date, in: zone)
    }

    private static func format(months: Int, days: Int, microseconds: Int64) -> String {
        var parts: [String] = []
        if months % 12 == 0 && months != 0 {
            parts.append("\(months / 12)y")
        } else if months != 0 {
            parts.append("\(months) months")
        }
        if days % 7 == 0 && days != 0 { parts.append("\(days / 7)w") } else if days != 0 { parts.append("\(days)d") }
        var rest = microseconds
        for (unit, size) in [("h", Int64(3_600_000_000)), ("min", 60_000_000), ("s", 1_000_000)] where rest >= size {
            parts.append("\(rest / size)\(unit)")
            rest %= size
        }
        if rest > 0 { parts.append("\(rest)us") }
        return parts.isEmpty ? "0s" : parts.joined(separator: " ")
    }
}
