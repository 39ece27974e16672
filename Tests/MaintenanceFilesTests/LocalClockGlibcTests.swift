import Foundation
import MaintenanceCore
import MaintenanceFiles
import Testing

#if canImport(Glibc)
import Glibc

/// Calls the real glibc `mktime` with the same inputs, in the same order, as the core's emulation, so that the
/// remembered offset (which decides DST overlaps) evolves identically in both.
@Suite(.serialized)
struct LocalClockGlibcTests {
    @Test(arguments: [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago", "Asia/Kolkata",
        "America/Sao_Paulo", "Europe/Dublin",
    ])
    func mktimeMatchesGlibc(zone: String) throws {
        let rules = try #require(ZoneInfoDirectory().rules(named: zone))
        setenv("TZ", ":" + zone, 1)
        tzset()
        defer {
            unsetenv("TZ")
            tzset()
        }
        var clock = LocalClock(rules: rules)
        var rng = SplitMix64(seed: 42)
        var mismatches: [String] = []
        for _ in 0..<4_000 {
            // Days around this zone's DST changes of 2026, odd hours and out-of-range fields included.
            let year = [2026, 2026, 2026, 2019, 2027][Int(rng.next() % 5)]
            let month0 = [2, 3, 8, 9, 10, 0, 6][Int(rng.next() % 7)]
            let day = Int(rng.next() % 33)
            let hour = Int(rng.next() % 26) - 1
            let minute = [0, 15, 30, 45, 59, 60, 90][Int(rng.next() % 7)]
            let second = [0, 30, 59, 60][Int(rng.next() % 4)]
            let isDST = Int(rng.next() % 3) - 1
            var mine = BrokenDownTime(
                year: year, month0: month0, day: day, hour: hour, minute: minute,
                second: second, isDST: isDST)
            var theirs = tm()
            theirs.tm_year = Int32(year - 1900)
            theirs.tm_mon = Int32(month0)
            theirs.tm_mday = Int32(day)
            theirs.tm_hour = Int32(hour)
            theirs.tm_min = Int32(minute)
            theirs.tm_sec = Int32(second)
            theirs.tm_isdst = Int32(isDST)
            let input = "\(month0 + 1)/\(day) \(hour):\(minute):\(second) dst\(isDST)"
            let expected = Int64(Glibc.mktime(&theirs))
            let got = clock.mktime(&mine)
            if got != expected || mine.hour != Int(theirs.tm_hour) || mine.isDST != Int(theirs.tm_isdst)
                || mine.day != Int(theirs.tm_mday)
            {
                mismatches.append(
                    "\(input): glibc \(expected) dst\(theirs.tm_isdst), core \(got ?? -1) dst\(mine.isDST)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(10))")
    }
}
#endif
