/// Parses calendar expressions with systemd 252's grammar and quirks, saying where and why one is refused.
struct CalendarSpecParser {
    private static let microsecondsPerSecond = 1_000_000
    private static let maxComponents = 240
    private static let minYear = 1970
    private static let maxYear = 2199
    private static let weekdayNames: [(name: String, number: Int)] = [
        ("monday", 0), ("mon", 0), ("tuesday", 1), ("tue", 1), ("wednesday", 2), ("wed", 2), ("thursday", 3),
        ("thu", 3), ("friday", 4), ("fri", 4), ("saturday", 5), ("sat", 5), ("sunday", 6), ("sun", 6),
    ]

    private let expression: String
    private let localZone: TimeZoneRules
    private let resolver: any TimeZoneResolver
    /// The expression without its zone suffix.
    private var text: [UInt8] = []
    private var position = 0
    private var spec = CalendarSpec()

    init(expression: String, localZone: TimeZoneRules, resolver: any TimeZoneResolver) {
        self.expression = expression
        self.localZone = localZone
        self.resolver = resolver
    }

    mutating func parse() throws(CalendarExpressionError) -> CalendarSpec {
        spec.original = expression
        spec.localZone = localZone
        text = Array(expression.utf8)
        splitZoneSuffix()
        if text.isEmpty {
            throw error("the expression is empty; expected a weekday, a date, a time or a word such as \"daily\"")
        }
        if let shorthand = Self.shorthand(String(decoding: text, as: UTF8.self).lowercased()) {
            shorthand(&spec)
        } else {
            try parseWeekdays()
            if try parseDate() == false {
                try parseTime()
            }
            if position < text.count {
                throw error("unexpected \"\(rest)\"; expected the end of the expression or a time zone")
            }
        }
        normalize()
        try validate()
        return spec
    }

    // MARK: Zone suffix

    /// Strips " UTC", a local zone abbreviation ("CEST") or an IANA zone name from the end, as systemd does.
    private mutating func splitZoneSuffix() {
        let lower = Array(expression.lowercased().utf8)
        if lower.count >= 4 && lower.suffix(4).elementsEqual(" utc".utf8) {
            spec.utc = true
            text.removeLast(4)
            return
        }
        for (flag, name) in [(0, localZone.standardAbbreviation), (1, localZone.daylightAbbreviation)] {
            let suffix = Array(name.lowercased().utf8)
            guard !suffix.isEmpty, lower.count > suffix.count, lower.suffix(suffix.count).elementsEqual(suffix),
                lower[lower.count - suffix.count - 1] == UInt8(ascii: " ")
            else { continue }
            spec.dst = flag
            text.removeLast(suffix.count + 1)
            return
        }
        if let space = text.lastIndex(of: UInt8(ascii: " ")) {
            let name = String(decoding: text[(space + 1)...], as: UTF8.self)
            if Self.isPlausibleZoneName(name), let rules = resolver.rules(named: name) {
                spec.timezoneName = name
                spec.namedZone = rules
                text.removeSubrange(space...)
            }
        }
    }

    /// systemd's `timezone_is_valid` character rules, checked before looking the zone up.
    private static func isPlausibleZoneName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("/"), !name.hasSuffix("/"), !name.contains("//") else { return false }
        return name.split(separator: "/").allSatisfy { part in
            !part.hasPrefix(".")
                && part.unicodeScalars.allSatisfy { c in
                    c.isASCII
                        && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "+-_".unicodeScalars.contains(c))
                }
        }
    }

    // MARK: Shorthands

    private static func shorthand(_ word: String) -> ((inout CalendarSpec) -> Void)? {
        func set(
            month: [Int]? = nil, day: Int? = nil, hour: Bool = false, minute: Bool = false, weekly: Bool = false
        )
            -> (inout CalendarSpec) -> Void
        {
            { spec in
                if let month { spec.month = month.map { CalendarComponent(start: $0) } }
                if let day { spec.day = [CalendarComponent(start: day)] }
                if hour { spec.hour = [CalendarComponent(start: 0)] }
                if minute { spec.minute = [CalendarComponent(start: 0)] }
                if weekly { spec.weekdays = 1 }
                spec.microsecond = [CalendarComponent(start: 0)]
            }
        }
        switch word {
        case "minutely": return set()
        case "hourly": return set(minute: true)
        case "daily": return set(hour: true, minute: true)
        case "monthly": return set(day: 1, hour: true, minute: true)
        case "annually", "yearly", "anually": return set(month: [1], day: 1, hour: true, minute: true)
        case "weekly": return set(hour: true, minute: true, weekly: true)
        case "quarterly": return set(month: [1, 4, 7, 10], day: 1, hour: true, minute: true)
        case "biannually", "bi-annually", "semiannually", "semi-annually":
            return set(month: [1, 7], day: 1, hour: true, minute: true)
        default: return nil
        }
    }

    // MARK: Weekdays

    private mutating func parseWeekdays() throws(CalendarExpressionError) {
        var rangeStart = -1
        var first = true
        var bits = 0
        while true {
            guard let (name, number) = weekdayAtPosition() else {
                if first { return }
                throw error("expected a weekday name (Mon, Tue, Wed, Thu, Fri, Sat, Sun)")
            }
            let after = position + name.count
            if after < text.count
                && ![UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " ")]
                    .contains(text[after])
            {
                throw error("\"\(word(at: position))\" is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat or Sun")
            }
            bits |= 1 << number
            if rangeStart >= 0 {
                if rangeStart > number {
                    throw error("weekday range runs backwards; write ranges from Monday towards Sunday (Sat..Sun)")
                }
                for day in (rangeStart + 1)..<max(number, rangeStart + 1) { bits |= 1 << day }
            }
            position = after
            spec.weekdays = bits
            if position >= text.count { return }
            if text[position] == UInt8(ascii: " ") {
                skipSpaces()
                return
            }
            if text[position] == UInt8(ascii: ".") {
                if rangeStart >= 0 { throw error("a weekday range has only one \"..\"") }
                guard position + 1 < text.count, text[position + 1] == UInt8(ascii: ".") else {
                    throw error("expected \"..\" between two weekdays")
                }
                rangeStart = number
                position += 2
            } else if text[position] == UInt8(ascii: "-") {
                if rangeStart >= 0 { throw error("a weekday range has only one \"-\"") }
                rangeStart = number
                position += 1
            } else if text[position] == UInt8(ascii: ",") {
                rangeStart = -1
                position += 1
            }
            if position >= text.count || text[position] == UInt8(ascii: " ") {
                skipSpaces()
                if rangeStart >= 0 { throw error("the weekday range is not closed") }
                return
            }
            first = false
        }
    }

    private func weekdayAtPosition() -> (String, Int)? {
        for (name, number) in Self.weekdayNames {
            let end = position + name.utf8.count
            guard end <= text.count else { continue }
            if text[position..<end].map({ $0 | 0x20 }).elementsEqual(name.utf8) { return (name, number) }
        }
        return nil
    }

    // MARK: Date

    /// Parses `[[year-]month-]day` or `@timestamp`; returns true when the time must not be parsed after it.
    private mutating func parseDate() throws(CalendarExpressionError) -> Bool {
        guard position < text.count else { return false }
        if text[position] == UInt8(ascii: "@") {
            position += 1
            let start = position
            guard let value = number() else {
                throw error("expected seconds since the epoch after \"@\"", at: start)
            }
            let date = Gregorian.date(days: Int64(value).floorDivided(by: 86_400))
            let seconds = value % 86_400
            spec.utc = true
            spec.year = [CalendarComponent(start: date.year)]
            spec.month = [CalendarComponent(start: date.month)]
            spec.day = [CalendarComponent(start: date.day)]
            spec.hour = [CalendarComponent(start: seconds / 3_600)]
            spec.minute = [CalendarComponent(start: seconds / 60 % 60)]
            spec.microsecond = [CalendarComponent(start: seconds % 60 * Self.microsecondsPerSecond)]
            return true
        }
        let begin = position
        let first = try chain(seconds: false)
        if position >= text.count || text[position] == UInt8(ascii: ":") {
            position = begin  // it was a time, not a date
            return false
        }
        if text[position] == UInt8(ascii: "~") {
            spec.endOfMonth = true
        } else if text[position] != UInt8(ascii: "-") {
            throw error("expected \"-\" or \"~\" between date fields, or \":\" between time fields")
        }
        position += 1
        let second = try chain(seconds: false)
        if position >= text.count || text[position] == UInt8(ascii: " ") {
            skipSpaces()
            spec.month = first
            spec.day = second
            return false
        }
        if spec.endOfMonth {
            throw error("\"~\" can only separate the month from the day")
        }
        if text[position] == UInt8(ascii: "~") {
            spec.endOfMonth = true
        } else if text[position] != UInt8(ascii: "-") {
            throw error("expected \"-\" or \"~\" between month and day")
        }
        position += 1
        let third = try chain(seconds: false)
        if position < text.count && text[position] != UInt8(ascii: " ") {
            throw error("expected a space between the date and the time")
        }
        skipSpaces()
        spec.year = first
        spec.month = second
        spec.day = third
        return false
    }

    // MARK: Time

    private mutating func parseTime() throws(CalendarExpressionError) {
        guard position < text.count else {
            spec.hour = [CalendarComponent(start: 0)]
            spec.minute = [CalendarComponent(start: 0)]
            spec.microsecond = [CalendarComponent(start: 0)]
            return
        }
        let hour = try chain(seconds: false)
        guard position < text.count, text[position] == UInt8(ascii: ":") else {
            throw error("expected \":\" between hour and minute")
        }
        position += 1
        let minute = try chain(seconds: false)
        var second = [CalendarComponent(start: 0)]
        if position < text.count {
            guard text[position] == UInt8(ascii: ":") else {
                throw error("expected \":\" between minute and second, or the end of the time")
            }
            position += 1
            second = try chain(seconds: true)
            if position < text.count {
                throw error("unexpected \"\(rest)\" after the seconds")
            }
        }
        spec.hour = hour
        spec.minute = minute
        spec.microsecond = second
    }

    // MARK: Components

    /// `*` or a comma-separated list of components.
    private mutating func chain(seconds: Bool) throws(CalendarExpressionError) -> [CalendarComponent] {
        if position < text.count && text[position] == UInt8(ascii: "*") {
            position += 1
            return seconds ? [CalendarComponent(start: 0, repeatInterval: Self.microsecondsPerSecond)] : []
        }
        var components: [CalendarComponent] = []
        while true {
            if components.count > Self.maxComponents {
                throw error("too many values in one field (at most \(Self.maxComponents))")
            }
            let begin = position
            let start = try decimal(seconds: seconds)
            var stop = -1
            var step = 0
            if position + 1 < text.count && text[position] == UInt8(ascii: ".")
                && text[position + 1] == UInt8(ascii: ".")
            {
                position += 2
                stop = try decimal(seconds: seconds)
                step = seconds ? Self.microsecondsPerSecond : 1
            }
            if position < text.count && text[position] == UInt8(ascii: "/") {
                position += 1
                let repeatAt = position
                step = try decimal(seconds: seconds)
                if step == 0 { throw error("a repetition of 0 never advances; use /1 or more", at: repeatAt) }
            } else if seconds && stop >= 0 && start + step > stop {
                throw error("a range of seconds without a step must span at least one second", at: begin)
            }
            if position < text.count && !" ,-~:".utf8.contains(text[position]) {
                throw error("unexpected \"\(Character(UnicodeScalar(text[position])))\" in a number list")
            }
            components.append(CalendarComponent(start: start, stop: stop, repeatInterval: step, offset: begin))
            guard position < text.count, text[position] == UInt8(ascii: ",") else { return components }
            position += 1
        }
    }

    /// A decimal number; in the seconds field, with up to six fractional digits, as microseconds.
    private mutating func decimal(seconds: Bool) throws(CalendarExpressionError) -> Int {
        let begin = position
        guard position < text.count, text[position] >= 48, text[position] <= 57 else {
            if position < text.count, Character(UnicodeScalar(text[position])).isLetter {
                let found = word(at: position)
                let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                if weekdays.contains(where: { found.lowercased().hasPrefix($0) }) {
                    throw error(
                        "\"\(found)\" is a weekday in the wrong place: weekdays come first, before the date "
                            + "(\"Mon *-01,04,07,10-01..07 08:00\" is the first Monday of each quarter)")
                }
                throw error(
                    "\"\(found)\" is not a weekday, a number or a shorthand "
                        + "(minutely, hourly, daily, weekly, monthly, quarterly, semiannually, yearly)")
            }
            throw error(position < text.count ? "expected a number or \"*\"" : "expected a number or \"*\" at the end")
        }
        guard var value = number() else { throw error("number too large", at: begin) }
        if seconds {
            guard value <= Int(Int32.max) / Self.microsecondsPerSecond + 1 else {
                throw error("number too large", at: begin)
            }
            value *= Self.microsecondsPerSecond
            // One "." is a decimal point, but ".." is a range separator.
            if position < text.count, text[position] == UInt8(ascii: "."),
                !(position + 1 < text.count && text[position + 1] == UInt8(ascii: "."))
            {
                position += 1
                value += try fraction()
            }
        }
        guard value <= Int(Int32.max) else { throw error("number too large", at: begin) }
        return value
    }

    /// Up to six fractional digits as microseconds, rounded on the seventh, further digits ignored (systemd).
    private mutating func fraction() throws(CalendarExpressionError) -> Int {
        var value = 0
        var digits = 0
        while digits < 6 {
            guard position < text.count, text[position] >= 48, text[position] <= 57 else {
                if digits == 0 { throw error("expected digits after the decimal point") }
                break
            }
            value = value * 10 + Int(text[position] - 48)
            digits += 1
            position += 1
        }
        for _ in digits..<6 { value *= 10 }
        if position < text.count, text[position] >= 53, text[position] <= 57 { value += 1 }
        while position < text.count, text[position] >= 48, text[position] <= 57 { position += 1 }
        return value
    }

    private mutating func number() -> Int? {
        var value = 0
        var any = false
        while position < text.count, text[position] >= 48, text[position] <= 57 {
            let (product, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = product.addingReportingOverflow(Int(text[position] - 48))
            if overflow1 || overflow2 { return nil }
            value = sum
            any = true
            position += 1
        }
        return any ? value : nil
    }

    // MARK: Normalisation and validation

    private mutating func normalize() {
        if spec.weekdays <= 0 || spec.weekdays >= 127 { spec.weekdays = -1 }
        if spec.endOfMonth && spec.day.isEmpty { spec.endOfMonth = false }
        spec.year = spec.year.map { c in
            var c = c
            for keyPath in [\CalendarComponent.start, \CalendarComponent.stop] {
                if c[keyPath: keyPath] >= 0 && c[keyPath: keyPath] < 70 { c[keyPath: keyPath] += 2000 }
                if c[keyPath: keyPath] >= 70 && c[keyPath: keyPath] < 100 { c[keyPath: keyPath] += 1900 }
            }
            return c
        }
        for keyPath in [\CalendarSpec.year, \.month, \.day, \.hour, \.minute, \.microsecond] {
            spec[keyPath: keyPath] = Self.normalized(spec[keyPath: keyPath])
        }
    }

    private static func normalized(_ chain: [CalendarComponent]) -> [CalendarComponent] {
        var seen = Set<CalendarComponent>()
        return chain.map { c in
            var c = c
            if c.stop > c.start && c.repeatInterval > 0 { c.stop -= (c.stop - c.start) % c.repeatInterval }
            // A repetition that cannot fire twice, or a range of one value, is just that value (systemd 250+).
            if (c.stop > c.start && c.repeatInterval > 0 && c.start + c.repeatInterval > c.stop) || c.start == c.stop {
                c.repeatInterval = 0
                c.stop = -1
            }
            return c
        }
        .sorted(by: CalendarComponent.precedes)
        .filter { seen.insert($0).inserted }
    }

    private func validate() throws(CalendarExpressionError) {
        try check(spec.year, "year", Self.minYear, Self.maxYear)
        try check(spec.month, "month", 1, 12)
        try check(
            spec.day, spec.endOfMonth ? "day counted from the month's end" : "day", 1, 31,
            endOfMonth: spec.endOfMonth)
        try check(spec.hour, "hour", 0, 23)
        try check(spec.minute, "minute", 0, 59)
        try check(spec.microsecond, "second", 0, 60 * Self.microsecondsPerSecond - 1, seconds: true)
    }

    /// systemd's `chain_valid`, with a reason a person can act on.
    private func check(
        _ chain: [CalendarComponent], _ field: String, _ from: Int, _ upper: Int,
        endOfMonth: Bool = false, seconds: Bool = false
    ) throws(CalendarExpressionError) {
        let to = endOfMonth ? upper - 3 : upper
        let scale = seconds ? Self.microsecondsPerSecond : 1
        func show(_ value: Int) -> String {
            seconds && value % scale != 0 ? String(Double(value) / Double(scale)) : String(value / scale)
        }
        let range = "\(show(from))…\(show(to))"
        for c in chain {
            if c.start < from || c.start > to {
                throw error("\(field) \(show(c.start)) is out of range \(range)", at: c.offset)
            }
            if c.repeatInterval > to - from {
                throw error(
                    "the \(field) repetition /\(show(c.repeatInterval)) is larger than the range \(range)",
                    at: c.offset)
            }
            if c.stop >= 0 {
                if c.stop < from || c.stop > to {
                    throw error("\(field) \(show(c.stop)) is out of range \(range)", at: c.offset)
                }
                if c.start + c.repeatInterval > c.stop {
                    throw error(
                        "the \(field) range \(show(c.start))..\(show(c.stop)) is empty or shorter than its step",
                        at: c.offset)
                }
            } else if endOfMonth && c.start - c.repeatInterval < from {
                throw error("the \(field) repetition goes past the start of the month", at: c.offset)
            } else if !endOfMonth && c.start + c.repeatInterval > to {
                throw error(
                    "the \(field) \(show(c.start))/\(show(c.repeatInterval)) never repeats within \(range)",
                    at: c.offset)
            }
        }
    }

    // MARK: Helpers

    private var rest: String { String(decoding: text[min(position, text.count)...], as: UTF8.self) }

    private func word(at index: Int) -> String {
        String(
            decoding: text[index...].prefix(while: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ",") }),
            as: UTF8.self)
    }

    private mutating func skipSpaces() {
        while position < text.count && text[position] == UInt8(ascii: " ") { position += 1 }
    }

    private func error(_ reason: String, at offset: Int? = nil) -> CalendarExpressionError {
        let byteOffset = offset ?? position
        // Offsets are counted in characters of the original expression.
        let prefix = String(decoding: Array(expression.utf8).prefix(byteOffset), as: UTF8.self)
        return CalendarExpressionError(expression: expression, offset: prefix.count, reason: reason)
    }
}
