import Foundation
import MaintenanceCore
import Testing

/// RFC 3339 in UTC, written digit by digit: checked against instants worked out by hand.
@Test(arguments: [
    (0.0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
    (1_764_000_000.5, "2025-11-24T16:00:00.500000Z"), (-2_208_988_800, "1900-01-01T00:00:00Z"),
    (253_402_300_799, "9999-12-31T23:59:59Z"), (253_402_300_800, "10000-01-01T00:00:00Z"),
    (1_790_000_000.000_001, "2026-09-21T14:13:20.000001Z"),
])
func formatsRFC3339(seconds: Double, expected: String) {
    let date = Date(microsecondsSinceEpoch: Int64((seconds * 1_000_000).rounded()))
    #expect(Timestamp.rfc3339(date) == expected)
    #expect(seconds >= 253_402_300_800 || Timestamp.parseRFC3339(expected) == date)
}

/// An instant beyond what microseconds (or seconds) in an Int64 can count, read from a damaged history, is held at the
/// limit.
@Test func microsecondsBeyondInt64AreHeldAtItsLimits() {
    #expect(Date(timeIntervalSince1970: 1e30).microsecondsSinceEpoch == .max)
    #expect(Date(timeIntervalSince1970: -1e30).microsecondsSinceEpoch == .min)
    #expect(Date(microsecondsSinceEpoch: .max).microsecondsSinceEpoch == .max)
    #expect(Date(microsecondsSinceEpoch: .min).microsecondsSinceEpoch == .min)
    #expect(Date(timeIntervalSince1970: .nan).microsecondsSinceEpoch == 0)
    #expect(Date(microsecondsSinceEpoch: 1_764_000_000_123_456).microsecondsSinceEpoch == 1_764_000_000_123_456)
    #expect(Date(timeIntervalSince1970: 1e30).secondsSinceEpoch == .max)
    #expect(Date(timeIntervalSince1970: -1e30).secondsSinceEpoch == .min)
    #expect(Date(timeIntervalSince1970: -0.5).secondsSinceEpoch == -1)
}
