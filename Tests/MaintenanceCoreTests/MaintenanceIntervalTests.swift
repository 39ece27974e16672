import Foundation
import MaintenanceCore
import Testing

struct MaintenanceIntervalTests {
    static let berlin = FixedZones.berlin

    @Test(
        arguments: [(String, Int, Int, Int64)]([
            ("90d", 0, 90, Int64(0)), ("2w", 0, 14, Int64(0)), ("8h", 0, 0, Int64(8 * 3_600_000_000)),
            ("1w 2d", 0, 9, 0),
            ("65s", 0, 0, 65_000_000), ("3 months", 3, 0, 0), ("1 year", 12, 0, 0), ("1h 30min", 0, 0, 5_400_000_000),
            ("1.5h", 0, 0, 5_400_000_000), ("2 weeks, 1 day", 0, 15, 0), ("1y 6 months", 18, 0, 0),
        ]))
    func parses(text: String, months: Int, days: Int, microseconds: Int64) throws {
        let interval = try MaintenanceInterval(parsing: text)
        #expect(interval.months == months && interval.days == days && interval.microseconds == microseconds)
    }

    @Test(arguments: ["", "d", "90", "3m", "3M", "1.5d", "2 fortnights", "-1d", "1e3d"])
    func refuses(text: String) {
        #expect(throws: DurationError.self) { try MaintenanceInterval(parsing: text) }
    }

    /// Calendar-unit arithmetic in Europe/Berlin, named after what each case pins down.
    @Test(arguments: [
        ("mid-month plus three months keeps the day", "2026-03-15T05:00:00Z", "3 months", "2026-06-15T04:00:00Z"),
        ("January 31 plus a month is the end of February", "2026-01-31T07:00:00Z", "1 month", "2026-02-28T07:00:00Z"),
        (
            "January 31 plus a month in a leap year is February 29", "2028-01-31T07:00:00Z", "1 month",
            "2028-02-29T07:00:00Z"
        ),
        ("February 29 plus a year is February 28", "2028-02-29T07:00:00Z", "1 year", "2029-02-28T07:00:00Z"),
        ("a week across spring-forward keeps 06:00 local", "2026-03-23T05:00:00Z", "1w", "2026-03-30T04:00:00Z"),
        ("a day across fall-back keeps 06:00 local", "2026-10-24T04:00:00Z", "1d", "2026-10-25T05:00:00Z"),
        ("24 hours across spring-forward is exact elapsed time", "2026-03-28T05:00:00Z", "24h", "2026-03-29T05:00:00Z"),
        ("a day landing in the DST gap moves past it", "2026-03-28T01:30:00Z", "1d", "2026-03-29T01:30:00Z"),
        ("December plus a month rolls the year", "2026-12-10T09:00:00Z", "1 month", "2027-01-10T09:00:00Z"),
        ("months then days then hours", "2026-01-31T07:00:00Z", "1 month 1d 2h", "2026-03-01T09:00:00Z"),
    ])
    func advances(_ name: String, from: String, by text: String, expected: String) throws {
        let interval = try MaintenanceInterval(parsing: text)
        #expect(Timestamp.rfc3339(interval.advance(at(from), in: Self.berlin)) == expected, "\(name)")
    }

    @Test func advancingSeveralTimesCountsFromTheStartNotStepByStep() throws {
        // Jan 31 + 2 months is Mar 31, not Mar 28 (which stepping through February would give).
        let interval = try MaintenanceInterval(parsing: "1 month")
        let result = interval.advance(at("2026-01-31T07:00:00Z"), times: 2, in: Self.berlin)
        #expect(Timestamp.rfc3339(result) == "2026-03-31T06:00:00Z")
    }
}
