/// A POSIX `TZ` rule such as `CET-1CEST,M3.5.0,M10.5.0/3`, as found at the end of TZif files and in `$TZ`.
package struct PosixTimeZoneRule: Sendable {
    /// When daylight saving time starts or ends in a year.
    enum DateRule: Sendable, Equatable {
        /// `Jn`: day 1...365, February 29 never counted.
        case julianNoLeap(Int)
        /// `n`: day 0...365, February 29 counted.
        case zeroBased(Int)
        /// `Mm.w.d`: day `d` (0 = Sunday) of week `w` (5 = last) of month `m`.
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    /// A date rule and the local time of day (seconds, may be negative or past 24 h) it happens at.
    struct Change: Sendable {
        var date: DateRule
        var time: Int
    }

    let standard: LocalTimeType
    let daylight: LocalTimeType?
    let start: Change
    let end: Change

    /// Parses a POSIX TZ string; nil when it is not one.
    init?(_ text: String) {
        var scanner = PosixTZScanner(Array(text.utf8))
        guard let stdName = scanner.name(), let stdOffset = scanner.offset() else { return nil }
        standard = LocalTimeType(offset: -stdOffset, isDST: false, abbreviation: stdName)
        if scanner.atEnd {
            daylight = nil
            start = Change(date: .zeroBased(0), time: 0)
            end = start
            return
        }
        guard let dstName = scanner.name() else { return nil }
        var dstOffset = stdOffset - 3_600
        if !scanner.atEnd && scanner.peek != UInt8(ascii: ",") {
            guard let parsed = scanner.offset() else { return nil }
            dstOffset = parsed
        }
        daylight = LocalTimeType(offset: -dstOffset, isDST: true, abbreviation: dstName)
        if scanner.atEnd {
            // The POSIX default when no rule is given, as glibc applies it (US rules since 2007).
            start = Change(date: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7_200)
            end = Change(date: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7_200)
            return
        }
        guard scanner.consume(","), let start = scanner.change(), scanner.consume(","), let end = scanner.change(),
            scanner.atEnd
        else { return nil }
        self.start = start
        self.end = end
    }

    /// The local time type in effect at an instant, computed as glibc's `__tz_compute` does.
    func localTimeType(at t: Int64) -> LocalTimeType {
        guard let daylight else { return standard }
        // glibc picks the rules of the UTC year of the instant.
        let year = Gregorian.date(days: t.floorDivided(by: 86_400)).year
        let startsAt = Self.instant(of: start, year: year) - Int64(standard.offset)
        let endsAt = Self.instant(of: end, year: year) - Int64(daylight.offset)
        let isDST: Bool
        if startsAt < endsAt {
            isDST = t >= startsAt && t < endsAt
        } else {
            isDST = !(t >= endsAt && t < startsAt)
        }
        return isDST ? daylight : standard
    }

    /// Local seconds (as if UTC) at which a change happens in a year.
    private static func instant(of change: Change, year: Int) -> Int64 {
        let day: Int64
        switch change.date {
        case .julianNoLeap(let n):
            var d = Int64(n - 1)
            if Gregorian.isLeapYear(year) && n >= 60 { d += 1 }
            day = Gregorian.days(year: year, month: 1, day: 1) + d
        case .zeroBased(let n):
            day = Gregorian.days(year: year, month: 1, day: 1) + Int64(n)
        case .monthWeekDay(let month, let week, let weekday):
            let first = Gregorian.days(year: year, month: month, day: 1)
            var d = first + Int64((weekday - Gregorian.weekday(days: first)).floorModulo(7))
            d += Int64(7 * (week - 1))
            let last = first + Int64(Gregorian.daysInMonth(year: year, month: month)) - 1
            while d > last { d -= 7 }
            day = d
        }
        return day * 86_400 + Int64(change.time)
    }
}
