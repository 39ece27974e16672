import Testing

@testable import MaintenanceCore

@Test(arguments: [
    (1970, 1, 1, Int64(0)), (2000, 3, 1, Int64(11_017)), (2024, 2, 29, Int64(19_782)), (1969, 12, 31, Int64(-1)),
    (2026, 13, 1, Int64(20_819)),
])
func dayNumbersRoundTrip(year: Int, month: Int, day: Int, expected: Int64) {
    #expect(Gregorian.days(year: year, month: month, day: day) == expected)
    let back = Gregorian.date(days: expected)
    let normalizedYear = year + (month - 1) / 12
    #expect(back.year == normalizedYear && back.month == (month - 1) % 12 + 1 && back.day == day)
}
