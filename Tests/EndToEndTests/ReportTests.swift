import Foundation
import MaintenanceCore
import Testing

/// The auditor's reports through the built binaries: a quarter of history recorded through the socket by real Unix
/// users (work back-dated with `--at`), then `maintctl report` as JSON, CSV and HTML (printed to PDF by Chromium) and
/// `maintctl history` with its filters. Every number is worked out by hand below.
///
/// The quarter starts on a Monday B (midnight UTC, the site's zone) 15 weeks before today, so the test does not depend
/// on the date it runs; dN is B + N days.
/// - G1/grease, line-a, lubrication, weekly fixed grid at 06:00 from B − 7d: 13 points d0 … d84, lead 1d, tolerance 1d.
///   Done d0 10:00 (on time), d7 08:00 (on time), d15 12:00 (d14 late: overdue d15 06:00), d35 07:00 (d35 on time;
///   d21 and d28 went without work: missed), d41 09:00 (d42 on time, in its lead day); d49 … d84 never: 6 missed.
///   4 on time, 1 late, 8 missed.
/// - F1/inspect, line-a, inspection, every 30d floating from B − 20d 06:00, tolerance 3d: due d10 06:00, done d12
///   09:00 (on time); due d42 09:00, done d50 15:00 (late); due d80 15:00, never (missed). 1, 1, 1.
/// - C1/calibrate, line-b, calibration, calendar Mon 08:00 from B − 7d, tolerance 2d: done d1 09:00 (d0 on time),
///   d16 10:00 (d14 late: overdue d16 08:00; d7 went without work); d21 … d84 never. The lead defers the occurrence
///   outstanding now (d21) until tomorrow: deferred. 1 on time, 1 late, 10 missed (d7, d28 … d84), 1 deferred.
/// - The as-found reading of d16 (100.6 g, limits 99.5–100.5) is a finding: it opened corrective work on C1, due at
///   d16 10:00 and overdue a day later, never done: line-b corrective, 1 missed.
/// Total 30: 6 on time, 3 late, 20 missed, 1 deferred; compliance 6 / 29.
/// Under the SMRP grace (a fifth of a week is 33 h 36 min) G1's d14, done 30 h after due, is on time: 7, 2, 20.
@Suite(.serialized)
struct ReportTests {
    let daemon: Daemon
    let start: Date
    let technician = TestUsers.technicians[0]
    let calibrator = TestUsers.technicians[1]

    init() throws {
        try Journald.ensureRunning()
        try TestUsers.ensure()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let earlier = calendar.startOfDay(for: Date().addingTimeInterval(-105 * 86_400))
        // Back to the Monday (weekday 2) on or before.
        let weekday = calendar.component(.weekday, from: earlier)
        start = earlier.addingTimeInterval(-Double((weekday + 5) % 7) * 86_400)
        let config = """
            {
              "site": {"name": "Report plant", "timezone": "UTC"},
              "roles": {"technician": ["maintd"], "lead": ["maintd-leads"]},
              "lines": [{"id": "line-a", "name": "Line A"}, {"id": "line-b", "name": "Line B"}],
              "equipment": [
                {"id": "G1", "name": "Gearbox", "line": "line-a", "tasks": [
                  {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
                   "lastDone": "\(Self.site(start, -7, 6))", "leadTime": "1d", "tolerance": "1d"}]},
                {"id": "F1", "name": "Filler", "line": "line-a", "tasks": [
                  {"id": "inspect", "kind": "inspection", "title": "Inspect", "every": "30d",
                   "lastDone": "\(Self.site(start, -20, 6))", "leadTime": "2d", "tolerance": "3d"}]},
                {"id": "C1", "name": "Checkweigher", "line": "line-b", "tasks": [
                  {"id": "calibrate", "kind": "calibration", "title": "Calibrate", "calendar": "Mon 08:00",
                   "procedure": "SOP-CW-07", "lastDone": "\(Self.site(start, -7, 8))", "leadTime": "1d",
                   "tolerance": "2d",
                   "readings": [
                     {"id": "as-found", "unit": "g", "min": 99.5, "max": 100.5, "stage": "as-found"},
                     {"id": "as-left", "unit": "g", "min": 99.8, "max": 100.2}]}]}
              ]
            }
            """
        daemon = try Daemon(config: config)
        try daemon.start()
        _ = try daemon.waitUntilReady()
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
    }

    /// Site time (UTC) `days` days and `hours` hours after `base`, as `--at` takes it.
    static func site(_ base: Date, _ days: Int, _ hours: Int) -> String {
        String(Timestamp.rfc3339(base.addingTimeInterval(Double(days * 86_400 + hours * 3_600))).prefix(16))
    }

    func day(_ days: Int, _ hours: Int = 0) -> String { Self.site(start, days, hours) }

    func maintctl(as user: String? = nil, _ arguments: [String]) throws -> Binaries.Result {
        let full = arguments + ["--socket", daemon.socketPath]
        guard let user else { return try Binaries.run(Binaries.maintctl, full) }
        return try TestUsers.maintctl(as: user, full)
    }

    func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try maintctl(arguments + ["--json"])
        return try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    /// The quarter's work, as technicians and a lead record it.
    func recordTheQuarter() throws {
        for (days, hours) in [(0, 10), (7, 8), (15, 12), (35, 7), (41, 9)] {
            let done = try maintctl(as: technician, ["done", "G1/grease", "--at", day(days, hours)])
            #expect(done.status == 0, "\(done.stderr)")
        }
        for (days, hours) in [(12, 9), (50, 15)] {
            let done = try maintctl(as: technician, ["done", "F1/inspect", "--at", day(days, hours)])
            #expect(done.status == 0, "\(done.stderr)")
        }
        for (days, hours, found) in [(1, 9, "100.1"), (16, 10, "100.6")] {
            let done = try maintctl(
                as: calibrator,
                [
                    "done", "C1/calibrate", "--at", day(days, hours), "--reading", "as-found=\(found)", "--reading",
                    "as-left=100.0", "--note", "weights set W-3",
                ])
            #expect(done.status == 0, "\(done.stderr)")
        }
        let tomorrow = Self.site(Date(), 1, 0)
        let deferred = try maintctl(
            as: TestUsers.lead,
            ["defer", "C1/calibrate", "--until", tomorrow, "--reason", "line running a validation batch"])
        #expect(deferred.status == 0, "\(deferred.stderr)")
    }

    func counts(_ row: [String: Any]) -> [Int] {
        ["due", "onTime", "late", "missed", "open", "deferred", "skipped"].map { row[$0] as? Int ?? -1 }
    }

    @Test func complianceOverAQuarterAsAnAuditorAsksForIt() throws {
        defer { _ = daemon.stop() }
        try recordTheQuarter()
        let period = ["--from", String(day(0).prefix(10)), "--to", String(day(91).prefix(10))]
        let report = try json(["report", "compliance"] + period)
        #expect(report["policy"] as? String == "tolerance")
        #expect(report["from"] as? String == Timestamp.rfc3339(start))
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.map { $0["line"] as? String } == ["line-a", "line-a", "line-a", "line-b", "line-b", "line-b"])
        #expect(
            rows.map { $0["kind"] as? String } == ["inspection", "lubrication", nil, "calibration", "corrective", nil])
        #expect(
            rows.map(counts) == [
                [3, 1, 1, 1, 0, 0, 0], [13, 4, 1, 8, 0, 0, 0], [16, 5, 2, 9, 0, 0, 0], [13, 1, 1, 10, 0, 1, 0],
                [1, 0, 0, 1, 0, 0, 0], [14, 1, 1, 11, 0, 1, 0],
            ])
        let total = try #require(report["total"] as? [String: Any])
        #expect(counts(total) == [30, 6, 3, 20, 0, 1, 0])
        #expect(abs((total["compliance"] as? Double ?? -1) - 6.0 / 29.0) < 1e-9)
        let exceptions = try #require(report["exceptions"] as? [[String: Any]])
        let deferred = try #require(exceptions.first { $0["result"] as? String == "deferred" })
        #expect(deferred["deferralReason"] as? String == "line running a validation batch")
        #expect(deferred["dueAt"] as? String == Timestamp.rfc3339(start.addingTimeInterval(21 * 86_400 + 8 * 3_600)))
        #expect(exceptions.filter { $0["result"] as? String == "late" }.count == 3)

        let smrp = try json(["report", "compliance"] + period + ["--grace", "smrp"])
        #expect(smrp["policy"] as? String == "smrp")
        #expect(counts(try #require(smrp["total"] as? [String: Any])) == [30, 7, 2, 20, 0, 1, 0])
        let lineB = try json(["report", "compliance"] + period + ["--line", "line-b"])
        #expect(counts(try #require(lineB["total"] as? [String: Any])) == [14, 1, 1, 11, 0, 1, 0])
        let inspections = try json(["report", "compliance"] + period + ["--kind", "inspection"])
        #expect(counts(try #require(inspections["total"] as? [String: Any])) == [3, 1, 1, 1, 0, 0, 0])

        // CSV per RFC 4180: CRLF line ends, the rows and the total.
        let csv = try maintctl(["report", "compliance", "--csv"] + period)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines.first == "LINE,KIND,DUE,ON TIME,LATE,MISSED,OPEN,DEFERRED,SKIPPED,COMPLIANCE")
        #expect(lines.contains("Line B,calibration,13,1,1,10,0,1,0,8.3%"))
        #expect(lines.contains("All lines,all,30,6,3,20,0,1,0,20.7%"))
        #expect(!csv.stdout.replacingOccurrences(of: "\r\n", with: "").contains("\n"))

        // One printable page: Chromium prints it, and the PDF says what it is, for whom, and numbers its pages.
        let html = try maintctl(["report", "compliance", "--html"] + period)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(!html.stdout.contains("<script") && !html.stdout.contains("http"))
        let text = try printedText(html.stdout)
        for expected in ["PM compliance", "Report plant", "configured tolerance windows", "Page 1 of", "validation"] {
            #expect(text.contains(expected), "\(expected) not in the printed report:\n\(text)")
        }

        let wrong = try maintctl(["report", "compliance", "--from", day(91), "--to", day(0)])
        #expect(wrong.status != 0 && wrong.stderr.contains("must be after from"))
    }

    @Test func theInstrumentRecordAndTheHistoryFilters() throws {
        defer { _ = daemon.stop() }
        try recordTheQuarter()
        let record = try json(["report", "equipment", "C1"])
        let records = try #require(record["records"] as? [[String: Any]])
        let completions = records.filter { $0["kind"] as? String == "completion" }
        #expect(completions.count == 2)
        #expect(completions.allSatisfy { $0["by"] as? String == calibrator && $0["meaning"] as? String == "performed" })
        #expect(completions.contains { ($0["findings"] as? [String]) == ["as-found"] })
        #expect(records.contains { $0["kind"] as? String == "deferral" && $0["by"] as? String == TestUsers.lead })
        let verification = try #require(record["verification"] as? [String: Any])
        #expect(verification["intact"] as? Bool == true)
        let text = try maintctl(["report", "equipment", "C1"])
        #expect(text.stdout.contains("as-found 100.6 g [99.5–100.5]") && text.stdout.contains("SOP-CW-07"))
        #expect(text.stdout.contains("verified: history OK"))
        let first = try maintctl(["report", "equipment", "C1", "--to", day(10)])
        #expect(first.stdout.contains("as-found 100.1 g") && !first.stdout.contains("as-found 100.6 g"))
        let printed = try printedText(try maintctl(["report", "equipment", "C1", "--html"]).stdout)
        #expect(printed.contains("Equipment record: C1") && printed.contains("Page 1 of"))

        // history: by task kind, line, who, and when the work was done.
        func ids(_ arguments: [String]) throws -> [Int] {
            try #require(try json(["history"] + arguments)["records"] as? [[String: Any]]).compactMap {
                $0["id"] as? Int
            }
        }
        #expect(try ids(["--kind", "calibration"]).count == 3)  // two completions and the deferral
        #expect(try ids(["--kind", "calibration,completion"]).count == 2)
        #expect(try ids(["--line", "line-a"]).count == 7)
        #expect(try ids(["--by", calibrator]).count == 2)
        #expect(try ids(["--by", technician, "--until", day(13)]).count == 3)  // G1 d0 and d7, F1 d12
        let unknown = try maintctl(["history", "--kind", "nonsense"])
        #expect(unknown.status != 0 && unknown.stderr.contains("task kinds"))

        // The backlog, oldest first.
        let overdue = try #require(try json(["report", "overdue"])["overdue"] as? [[String: Any]])
        let due = overdue.compactMap { $0["dueAt"] as? String }
        // G1, F1, and the corrective work C1's finding opened.
        #expect(due == due.sorted() && overdue.count == 3)
        #expect(overdue.contains { $0["kind"] as? String == "corrective" })
        let deferredNow = try #require(try json(["report", "overdue"])["deferred"] as? [[String: Any]])
        #expect(deferredNow.map { $0["deferralReason"] as? String } == ["line running a validation batch"])
    }

    /// Prints an HTML page with headless Chromium and reads the PDF's text back.
    func printedText(_ html: String) throws -> String {
        let page = daemon.directory.appendingPathComponent("report-\(UUID().uuidString.prefix(6)).html")
        let pdf = page.deletingPathExtension().appendingPathExtension("pdf")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let printed = try Binaries.run(
            "/usr/bin/chromium",
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                "--user-data-dir=\(daemon.directory.path)/chromium", "--print-to-pdf=\(pdf.path)", page.absoluteString,
            ])
        #expect(FileManager.default.fileExists(atPath: pdf.path), "\(printed.stderr)")
        let header = try Data(contentsOf: pdf).prefix(5)
        #expect(String(decoding: header, as: UTF8.self) == "%PDF-")
        return try Binaries.run("/usr/bin/pdftotext", ["-layout", pdf.path, "-"]).stdout
    }
}
