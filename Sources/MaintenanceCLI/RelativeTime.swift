public import FoundationEssentials

/// Spans of time as people read them.
public enum RelativeTime {
    /// systemd's `format_timestamp_relative`: "3 months 4 days left", "11h ago".
    public static func systemdStyle(from now: Date, to date: Date) -> String {
        let delta = date.microsecondsSinceEpoch - now.microsecondsSinceEpoch
        let d = UInt64(abs(delta))
        let suffix = delta >= 0 ? "left" : "ago"
        let sec: UInt64 = 1_000_000
        let minute = 60 * sec, hour = 60 * minute, day = 24 * hour, week = 7 * day
        let month: UInt64 = 2_629_800 * sec, year: UInt64 = 31_557_600 * sec
        func plural(_ n: UInt64, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        let text: String
        if d >= year {
            text = plural(d / year, "year") + " " + plural(d % year / month, "month")
        } else if d >= month {
            text = plural(d / month, "month") + " " + plural(d % month / day, "day")
        } else if d >= week {
            text = plural(d / week, "week") + " " + plural(d % week / day, "day")
        } else if d >= 2 * day {
            text = plural(d / day, "day")
        } else if d >= 25 * hour {
            text = "1 day \((d - day) / hour)h"
        } else if d >= 6 * hour {
            text = "\(d / hour)h"
        } else if d >= hour {
            text = "\(d / hour)h \(d % hour / minute)min"
        } else if d >= 5 * minute {
            text = "\(d / minute)min"
        } else if d >= minute {
            text = "\(d / minute)min \(d % minute / sec)s"
        } else if d >= sec {
            text = "\(d / sec)s"
        } else if d >= 1_000 {
            text = "\(d / 1_000)ms"
        } else if d > 0 {
            text = "\(d)us"
        } else {
            return "now"
        }
        return "\(text) \(suffix)"
    }
}
