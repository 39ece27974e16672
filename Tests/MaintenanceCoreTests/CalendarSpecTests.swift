import Foundation
import MaintenanceCore
import Testing

/// Parsing and normalisation of calendar expressions; elapses are checked against systemd in the differential test.
struct CalendarSpecTests {
    func parse(_ text: String, zone: TimeZoneRules = FixedZones.berlin) throws(CalendarExpressionError) -> CalendarSpec
    {
        try CalendarSpec(text, localZone: zone, resolver: FixedZones())
    }

    @Test(arguments: [
        ("daily", "*-*-* 00:00:00"), ("weekly", "Mon *-*-* 00:00:00"), ("quarterly", "*-01,04,07,10-01 00:00:00"),
        ("semiannually", "*-01,07-01 00:00:00"), ("Mon..Fri 8:00", "Mon..Fri *-*-* 08:00:00"),
        ("Sat,Sun", "Sat,Sun *-*-* 00:00:00"), ("Mon,Tue,Wed", "Mon..Wed *-*-* 00:00:00"),
        ("*-02~1", "*-02~01 00:00:00"), ("*:0/15", "*-*-* *:00/15:00"), ("*:*:0/7.5", "*-*-* *:*:00/7.500000"),
        ("26-06-01", "2026-06-01 00:00:00"), ("12:00 UTC", "*-*-* 12:00:00 UTC"),
        ("*-*-* 02:30 America/New_York", "*-*-* 02:30:00 America/New_York"), ("12:00 CEST", "*-*-* 12:00:00 CEST"),
        ("*-*-1..7/2", "*-*-01..07/2 00:00:00"), ("08..08/2:00", "*-*-* 08:00:00"), ("@0", "1970-01-01 00:00:00 UTC"),
    ])
    func normalizesLikeSystemd(expression: String, normalized: String) throws {
        #expect(try parse(expression).normalized == normalized)
    }

    @Test(arguments: [
        ("", 0, "empty"), ("Mon..Fri 25:00", 9, "hour 25 is out of range 0…23"),
        ("*-13-01", 2, "month 13 is out of range"),
        ("Fri..Mon", 5, "runs backwards"), ("Mond", 0, "is not a weekday"), ("*-*-* 12", 8, "expected \":\""),
        ("*-*-1/0", 6, "repetition of 0"), ("*:*:5.", 6, "digits after the decimal point"),
        ("daily daily", 0, "\"daily\" is not a weekday, a number or a shorthand"), ("*-*~29", 4, "out of range 1…28"),
        ("*-01,04,07,10-01..07 Mon 08:00", 21, "\"Mon\" is a weekday in the wrong place: weekdays come first"),
    ])
    func refusesSayingWhere(expression: String, offset: Int, reason: String) {
        let error = #expect(throws: CalendarExpressionError.self) { try parse(expression) }
        #expect(error?.offset == offset, "\(String(describing: error))")
        #expect(error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func localAbbreviationsDependOnTheLocalZone() throws {
        #expect(try parse("12:00 EST", zone: FixedZones.newYork).normalized == "*-*-* 12:00:00 EST")
        // In Berlin "EST" is neither a local abbreviation nor a zone name.
        #expect(throws: CalendarExpressionError.self) { try parse("12:00 EST") }
    }

    @Test func elapsesInTheSiteZoneUnlessTheExpressionNamesOne() throws {
        // 2026-11-24 is a Tuesday; 08:00 in Berlin is 07:00Z, in New York 13:00Z.
        let base = at("2026-11-24T00:00:00Z")
        #expect(try parse("Tue 08:00").nextElapse(after: base) == at("2026-11-24T07:00:00Z"))
        #expect(try parse("Tue 08:00 America/New_York").nextElapse(after: base) == at("2026-11-24T13:00:00Z"))
    }

    @Test func anExpressionThatOnlyNamesSkippedTimesCannotBeResolved() throws {
        // The last Sunday of March at 02:30 never exists in Berlin; systemd gives up with "infinite loop".
        let elapses = try parse("Sun *-03-25..31 02:30").elapses(after: at("2026-03-01T00:00:00Z"), count: 1)
        #expect(elapses.dates.isEmpty && elapses.unresolvable)
    }

    @Test func impossibleDatesNeverElapse() throws {
        let elapses = try parse("*-02-30").elapses(after: at("2026-01-01T00:00:00Z"), count: 1)
        #expect(elapses.dates.isEmpty && !elapses.unresolvable)
    }
}
