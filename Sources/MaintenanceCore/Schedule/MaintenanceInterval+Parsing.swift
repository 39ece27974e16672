extension MaintenanceInterval {
    /// Units accepted in durations; "m" and "M" are refused as ambiguous between minutes and months.
    private static let units: [(names: [String], kind: Unit)] = [
        (["us", "usec", "µs"], .fixed(1)),
        (["ms", "msec"], .fixed(1_000)),
        (["s", "sec", "secs", "second", "seconds"], .fixed(1_000_000)),
        (["min", "mins", "minute", "minutes"], .fixed(60_000_000)),
        (["h", "hr", "hrs", "hour", "hours"], .fixed(3_600_000_000)),
        (["d", "day", "days"], .days(1)),
        (["w", "week", "weeks"], .days(7)),
        (["month", "months", "mo"], .months(1)),
        (["y", "year", "years"], .months(12)),
    ]

    private enum Unit {
        case fixed(Int64)
        case days(Int)
        case months(Int)
    }

    /// Parses a duration such as `"90d"`, `"1w 2d"`, `"8h"`, `"1h 30min"`, `"3 months"`, `"1 year"`, `"1.5h"`.
    public init(parsing text: String) throws(DurationError) {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw DurationError(text: text, reason: "the duration is empty") }
        var months = 0
        var days = 0
        var micro: Int64 = 0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let numberText = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !numberText.isEmpty else {
                throw DurationError(text: text, reason: "expected a number before \"\(rest)\", e.g. \"90d\" or \"8h\"")
            }
            guard let value = Double(numberText), value.isFinite else {
                throw DurationError(text: text, reason: "\"\(numberText)\" is not a number")
            }
            rest = rest.dropFirst(numberText.count).drop(while: { $0 == " " })
            let unitText = rest.prefix(while: { $0.isLetter || $0 == "µ" })
            rest = rest.dropFirst(unitText.count).drop(while: { $0 == " " || $0 == "," })
            if unitText.isEmpty {
                throw DurationError(
                    text: text, reason: "\"\(numberText)\" has no unit; use s, min, h, d, w, months or years")
            }
            if unitText == "m" || unitText == "M" {
                throw DurationError(
                    text: text, reason: "the unit \"\(unitText)\" is ambiguous; write \"min\" for minutes or \"months\""
                )
            }
            guard let unit = Self.units.first(where: { $0.names.contains(String(unitText).lowercased()) })?.kind
            else {
                throw DurationError(
                    text: text,
                    reason: "unknown unit \"\(unitText)\"; use s, min, h, d, w, months or years (e.g. \"1w 2d\")")
            }
            switch unit {
            case .fixed(let size):
                let value = (value * Double(size)).rounded()
                guard value < 1e17 else { throw DurationError(text: text, reason: "the duration is too long") }
                micro += Int64(value)
            case .days(let size), .months(let size):
                guard value == value.rounded(), value < 100_000 else {
                    throw DurationError(
                        text: text,
                        reason:
                            "\"\(numberText)\(unitText)\": calendar units take whole numbers; use hours for parts of a day"
                    )
                }
                if case .days = unit { days += Int(value) * size } else { months += Int(value) * size }
            }
        }
        self.init(months: months, days: days, microseconds: micro, text: trimmed)
    }
}
