import Foundation
import MaintenanceCore
import MaintenanceFiles
import Testing

/// Compares the core's calendar evaluation with `systemd-analyze calendar` on hand-picked and generated expressions,
/// under several `TZ` values and base times around DST changes.
@Suite(.enabled(if: SystemdAnalyze.path != nil, "systemd-analyze is not installed: differential calendar test skipped"))
struct CalendarDifferentialTests {
    static let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Santiago"]
    /// Before the spring and autumn changes in Europe and North America, and around the southern ones.
    static let baseTimes = [
        "2026-03-07T12:00:00Z", "2026-03-28T12:00:00Z", "2026-10-24T12:00:00Z", "2026-10-31T12:00:00Z",
        "2026-04-04T12:00:00Z", "2026-09-05T12:00:00Z",
    ]
    static let iterations = 5

    static let handPicked: [String] = [
        // Shorthands
        "minutely", "hourly", "daily", "weekly", "monthly", "yearly", "annually", "anually", "quarterly",
        "semiannually", "semi-annually", "biannually", "bi-annually", "DAILY", "Weekly",
        // Times of day through DST gaps and overlaps
        "*-*-* 02:30", "*-*-* 02:00", "*-*-* 01:30", "*-*-* 03:00", "*-*-* 02:59:59", "*-*-* 00:00", "*-*-* 24:00",
        "*-*-* 2:*:00", "*-*-* 1:*:0", "*-*-* *:30", "*-*-* 01,02,03:15", "*-*-* 0..4:0/20", "*-*-* 02:30:00 UTC",
        "*:0/15", "*:*:0/10", "*:*", "*:05", "12:00", "6:00", "02:30", "1:30:30", "0:0:0",
        "*-*-* 00:00:00.5", "*:*:7.25", "*:*:0/7.5", "*:*:1.000001/0.5", "*:*:59.999999", "*:*:59.9999995",
        // Dates, impossible dates, leap days
        "*-02-29", "*-02-30", "*-02-31", "*-04-31", "2023-02-29", "2024-02-29", "2100-02-29", "*-*-31", "*-*-29",
        "*-01-31 12:00", "*-12-31 23:59:59", "2027-01-01", "2026-*-* 00:00", "2199-12-31", "2200-01-01",
        "1970-01-01", "*-*-1,15", "*-1/2-1", "*-*-1..7/2", "*-*-01..31/10", "26-06-01", "99-01-01", "69-12-31",
        "2026..2028-06-01", "2026,2030-01-01", "2026/2-01-01", "*-6-1", "6-1", "12-25 08:00", "*-*-*",
        // Months' ends
        "*-*~1", "*-*~01", "*-02~1", "*-02~3", "*-*~7", "*-*~1..3", "*-*~3..1", "*-*~07/1", "*-05~07/1",
        "Mon *-05~07/1", "Fri *-*~7/1 15:00", "*-*~28", "*-*~29", "*-02~01,03", "2026-02~1",
        // Weekdays
        "Mon", "mon", "Monday", "Mon..Fri", "Mon-Fri", "Sat,Sun", "Sat..Sun", "Mon,Wed,Fri 08:00", "Sun 02:30",
        "Mon..Wed,Fri", "Mon,Tue,Wed", "Tue..Thu 13:00", "Fri *-*-13", "Fri *-*-13 13:13", "Mon..Sun",
        "Thu *-11-22..28", "Sat *-*-1..7 04:00", "Sun *-03-25..31 02:30", "Sun *-10-25..31 02:30",
        "Mon,", "Wed..Mon", "Mon..", "Mo", "Mond", "Fri..Sat..Sun", "Sunday 01:30",
        // Zones
        "*-*-* 02:30 Europe/Berlin", "*-*-* 02:30 America/New_York", "*-*-* 08:00 Asia/Tokyo",
        "Mon..Fri 8:00 America/New_York", "*-*-* 02:15 Australia/Lord_Howe", "daily Europe/London",
        "*-*-* 00:00 Pacific/Chatham", "*-*-* 12:00 Etc/GMT-14", "weekly UTC", "*:0/30 utc",
        "*-*-* 02:30 CET", "*-*-* 02:30 CEST", "*-*-* 01:30 EST", "*-*-* 01:30 EDT", "*-*-* 12:00 CET",
        "2026-03-29 02:30 CET", "*-*-* 12:00 Not/AZone", "@1782864000", "@0", "@4102444800",
        // Malformed
        "", " ", "*", "**", "*/5", "25:00", "*:60", "*:*:60", "*-13-01", "*-00-01", "*-*-32", "*-*-0", "1969-01-01",
        "*-*-* 12:00:00:00", "12", "12:", ":30", "*-*", "*-*-*-*", "2026-01-01T00:00", "*-*-1/0", "*-*-* 0/0:00",
        "Mon 12:00 extra", "daily daily", "*-*-* 1..:00", "*-*-* ..3:00", "*:*:5.", "*:*:.5", "*-*~1/40",
        "*-*~25/1", "1..10/20-01-01", "*-*-* 00:00:00.1234567", "yearly UTC UTC", "*,*-01-01",
    ]

    /// Deterministically generated expressions exercising lists, ranges and repetitions in every field.
    static let generated: [String] = {
        var rng = SplitMix64(seed: 0x6d61_696e_7464)
        func pick<T>(_ values: [T]) -> T { values[Int(rng.next() % UInt64(values.count))] }
        func field(_ range: ClosedRange<Int>, width: Int) -> String {
            func value() -> Int { range.lowerBound + Int(rng.next() % UInt64(range.count)) }
            func pad(_ v: Int) -> String { String(repeating: "0", count: max(0, width - String(v).count)) + String(v) }
            switch rng.next() % 7 {
            case 0: return "*"
            case 1: return pad(value())
            case 2: return "\(pad(value())),\(pad(value()))"
            case 3:
                let a = value(), b = value()
                return "\(pad(min(a, b)))..\(pad(max(a, b)))"
            case 4: return "\(pad(value()))/\(1 + rng.next() % 6)"
            case 5:
                let a = value(), b = value()
                return "\(pad(min(a, b)))..\(pad(max(a, b)))/\(1 + rng.next() % 3)"
            default: return "\(pad(value())),\(pad(value()))/\(1 + rng.next() % 4)"
            }
        }
        var out: [String] = []
        for _ in 0..<220 {
            var parts: [String] = []
            if rng.next() % 3 == 0 {
                parts.append(pick(["Mon", "Tue..Thu", "Sat,Sun", "Fri", "Mon..Fri", "Sun", "Wed,Sat"]))
            }
            let year = rng.next() % 4 == 0 ? pick(["2026", "2027", "2026..2028", "*", "2026/2"]) : "*"
            let separator = rng.next() % 8 == 0 ? "~" : "-"
            let day = separator == "~" ? field(1...7, width: 2) : field(1...31, width: 2)
            parts.append("\(year)-\(field(1...12, width: 2))\(separator)\(day)")
            let seconds = rng.next() % 5 == 0 ? ":" + pick(["00", "30", "0/20", "*", "15.5", "0/7.5"]) : ""
            parts.append("\(field(0...23, width: 2)):\(field(0...59, width: 2))\(seconds)")
            if rng.next() % 10 == 0 { parts.append(pick(["UTC", "Europe/Berlin", "America/New_York"])) }
            out.append(parts.joined(separator: " "))
        }
        return out
    }()

    @Test func handPickedExpressionsAgreeWithSystemd() async throws {
        try await compare(Self.handPicked, baseTimes: Self.baseTimes)
    }

    @Test func generatedExpressionsAgreeWithSystemd() async throws {
        try await compare(Self.generated, baseTimes: [Self.baseTimes[1], Self.baseTimes[2]])
    }

    private func compare(_ expressions: [String], baseTimes: [String]) async throws {
        let zoneInfo = ZoneInfoDirectory()
        var cases: [(zone: String, base: String, expression: String)] = []
        for zone in Self.zones {
            for base in baseTimes {
                for expression in expressions { cases.append((zone, base, expression)) }
            }
        }
        let mismatches = try await withThrowingTaskGroup(of: String?.self) { group in
            var iterator = cases.makeIterator()
            var found: [String] = []
            var running = 0
            func addNext() -> Bool {
                guard let next = iterator.next() else { return false }
                group.addTask { try Self.mismatch(next.expression, zone: next.zone, base: next.base, zones: zoneInfo) }
                return true
            }
            while running < 4 && addNext() { running += 1 }
            while let result = try await group.next() {
                if let result { found.append(result) }
                if !addNext() { running -= 1 }
            }
            return found
        }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) of \(cases.count) differ:\n\(mismatches.prefix(25).joined(separator: "\n"))")
    }

    /// nil when both agree, else a line describing the difference.
    private static func mismatch(
        _ expression: String, zone: String, base: String, zones: ZoneInfoDirectory
    ) throws
        -> String?
    {
        let baseDate = try #require(Timestamp.parseRFC3339(base))
        let reference = try SystemdAnalyze.calendar(expression, tz: zone, base: baseDate, iterations: iterations)
        let local = zones.localZone(tz: zone)
        let mine: SystemdAnalyze.Result
        do {
            let spec = try CalendarSpec(expression, localZone: local, resolver: zones)
            let elapses = spec.elapses(after: baseDate, count: iterations)
            mine =
                elapses.unresolvable
                ? .unresolvable : .valid(normalized: spec.normalized, next: elapses.dates.map(\.secondsSinceEpoch))
        } catch {
            mine = .invalid
        }
        guard mine != reference else { return nil }
        return "TZ=\(zone) base=\(base) \"\(expression)\": systemd \(reference), core \(mine)"
    }
}

/// Runs the real `systemd-analyze calendar` and reads its answers.
enum SystemdAnalyze {
    enum Result: Equatable, CustomStringConvertible {
        case valid(normalized: String, next: [Int64])
        /// Parsed, but one of the elapses could not be determined ("Infinite loop in calendar calculation").
        case unresolvable
        case invalid

        var description: String {
            switch self {
            case .invalid: "invalid"
            case .unresolvable: "unresolvable"
            case .valid(let normalized, let next):
                "\"\(normalized)\" \(next.map { Timestamp.rfc3339(Date(timeIntervalSince1970: TimeInterval($0))) })"
            }
        }
    }

    static let path: String? = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    static func calendar(_ expression: String, tz: String, base: Date, iterations: Int) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = [
            "calendar", "--base-time=@\(base.secondsSinceEpoch)", "--iterations=\(iterations)", "--", expression,
        ]
        process.environment = ["TZ": tz, "LC_ALL": "C", "SYSTEMD_COLORS": "0", "PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if errorText.contains("Failed to determine next elapse") { return .unresolvable }
        guard process.terminationStatus == 0 else { return .invalid }
        var normalized = ""
        var local: [Int64] = []
        var utc: [Int64] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let label = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if label == "Normalized form" { normalized = value }
            if label == "(in UTC)", let t = utcSeconds(value) { utc.append(t) }
            if label == "Next elapse" || label.hasPrefix("Iter."), let t = utcSeconds(value) { local.append(t) }
        }
        return .valid(normalized: normalized, next: utc.isEmpty ? local : utc)
    }

    /// Seconds since the epoch of "Mon 2026-03-30 00:30:00 UTC".
    private static func utcSeconds(_ text: String) -> Int64? {
        let fields = text.split(separator: " ")
        guard fields.count == 4, fields[3] == "UTC" else { return nil }
        return Timestamp.parseRFC3339("\(fields[1])T\(fields[2])Z")?.secondsSinceEpoch
    }
}

/// A small deterministic generator, so the generated expressions are the same in every run.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
