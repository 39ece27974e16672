/// Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), independent of any time zone.
package enum Gregorian {
    /// Days since 1970-01-01 of a year, month (1...12) and day; out-of-range days roll over like `mktime`.
    package static func days(year: Int, month: Int, day: Int) -> Int64 {
        // Howard Hinnant's days_from_civil, with the month normalised first so 13 means January of the next year.
        var y = Int64(year) + Int64((month - 1).floorDivided(by: 12))
        let m = Int64((month - 1).floorModulo(12) + 1)
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468 + Int64(day - 1)
    }

    /// The year, month (1...12) and day of a day number.
    package static func date(days z0: Int64) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// Whether a year has a 29th of February.
    package static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Number of days in a month (1...12) of a year.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// "2026-12-25" for a day number.
    package static func dayText(_ days: Int64) -> String {
        let (year, month, day) = date(days: days)
        return "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// Day of the week of a day number, 0 = Sunday as in `struct tm`.
    package static func weekday(days: Int64) -> Int {
        Int((days + 4).floorModulo(7))  // 1970-01-01 was a Thursday
    }
}
