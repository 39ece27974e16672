/// A local date and time split into fields, with the same meaning and roll-over rules as C's `struct tm`.
///
/// Calendar expressions are evaluated exactly as systemd does it, by editing these fields and letting `mktime`
/// normalise them, so the fields may be out of range (day 32, hour 24) until normalised by a ``LocalClock``.
package struct BrokenDownTime: Sendable, Equatable {
    /// Full year, e.g. 2026 (not years since 1900).
    package var year: Int
    /// Month, 0 = January, as in `tm_mon`.
    package var month0: Int
    /// Day of the month, 1-based.
    package var day: Int
    package var hour: Int
    package var minute: Int
    package var second: Int
    /// Day of the week, 0 = Sunday; only meaningful after normalisation.
    package var weekday: Int = 0
    /// Day of the year, 0-based; only meaningful after normalisation.
    package var yearDay: Int = 0
    /// Daylight saving time flag as in `tm_isdst`: -1 unknown, 0 standard time, 1 daylight saving time.
    package var isDST: Int = -1
    /// Offset from UTC in seconds, east positive; only meaningful after normalisation.
    package var utcOffset: Int = 0
    /// Abbreviation of the local time type ("CET"); only meaningful after normalisation.
    package var abbreviation: String = ""

    package init(year: Int, month0: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, isDST: Int = -1) {
        self.year = year
        self.month0 = month0
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.isDST = isDST
    }

    /// The fields as seconds since the epoch if they were UTC, rolling over out-of-range fields.
    package var secondsAsIfUTC: Int64 {
        let days = Gregorian.days(year: year, month: month0 + 1, day: day)
        return days * 86_400 + Int64(hour) * 3_600 + Int64(minute) * 60 + Int64(second)
    }

    /// Broken-down time of an instant given as seconds since the epoch, shifted by a UTC offset.
    package init(secondsSinceEpoch t: Int64, offset: Int, isDST: Bool, abbreviation: String) {
        let local = t + Int64(offset)
        let days = local.floorDivided(by: 86_400)
        let secs = Int(local - days * 86_400)
        let date = Gregorian.date(days: days)
        self.year = date.year
        self.month0 = date.month - 1
        self.day = date.day
        self.hour = secs / 3_600
        self.minute = secs / 60 % 60
        self.second = secs % 60
        self.weekday = Gregorian.weekday(days: days)
        self.yearDay = Int(days - Gregorian.days(year: date.year, month: 1, day: 1))
        self.isDST = isDST ? 1 : 0
        self.utcOffset = offset
        self.abbreviation = abbreviation
    }
}
