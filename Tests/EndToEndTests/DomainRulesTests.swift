import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Testing

/// The maintenance rules through the built maintd and maintctl (as root, so a lead), the Python varlink client and
/// the journal: retests, findings, bounded and cancelled deferrals, meter corrections, renames and removals.
@Suite(.serialized)
struct DomainRulesTests {
    let now = Date()
    let daemon: Daemon

    /// Times relative to now, in UTC (RFC 3339), so the plan is the same whenever the test runs.
    func iso(_ offsetDays: Double, _ base: Date? = nil) -> String {
        Timestamp.rfc3339(
            Date(timeIntervalSince1970: ((base ?? now).timeIntervalSince1970 + offsetDays * 86_400).rounded(.down)))
    }

    func plan(equipment: String = "TW-04", formerIds: String = "", guardTask: Bool = true) -> String {
        let guardJSON =
            guardTask
            ? """
            {"id": "guard", "kind": "inspection", "title": "Light curtain", "every": "7d", "anchor": "schedule",
             "lastDone": "\(iso(-9))", "leadTime": "1d", "tolerance": "1d", "deferrable": false},
            """ : ""
        return """
            {
              "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
              "lines": [{"id": "line-a", "name": "Line A"}],
              "equipment": [
                {"id": "\(equipment)", "name": "Torque wrench", "line": "line-a", "commissioned": "2024-01-15",
                 \(formerIds)
                 "tasks": [{"id": "calibration", "kind": "calibration", "title": "Calibrate", "every": "365d",
                            "lastDone": "\(iso(-363))", "leadTime": "14d", "tolerance": "7d",
                            "readings": [
                              {"id": "as-found", "unit": "N·m", "min": 115.2, "max": 124.8, "stage": "as-found"},
                              {"id": "as-left", "unit": "N·m", "min": 115.2, "max": 124.8},
                              {"id": "seal", "type": "check"}]}]},
                {"id": "P1", "name": "Press", "line": "line-a", "commissioned": "2024-01-15",
                 "meters": [{"id": "run-hours", "unit": "h"}],
                 "tasks": [\(guardJSON)
                   {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "30d", "anchor": "schedule",
                    "lastDone": "\(iso(-10))", "maxDeferral": "3d"},
                   {"id": "service", "kind": "replacement", "title": "Oil",
                    "meter": {"id": "run-hours", "every": 250, "lastDoneValue": 1000}}]}
              ]
            }
            """
    }

    init() throws {
        try Journald.ensureRunning()
        daemon = try Daemon(config: "{}")
        try plan().write(toFile: daemon.config, atomically: true, encoding: .utf8)
        try daemon.start()
        try daemon.waitUntilReady()
    }

    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, [arguments[0], "--socket", daemon.socketPath] + arguments.dropFirst())
    }

    func json(_ result: Binaries.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    func task(_ id: String) throws -> [String: Any] {
        try #require(try json(try maintctl(["show", id, "--json"]))["task"] as? [String: Any])
    }

    @Test func failedWorkIsDueForARetestAndAnAsFoundFindingIsJournaledAsAnError() throws {
        defer { daemon.stop() }
        let failed = try maintctl([
            "done", "TW-04/calibration", "--reading", "as-found=130", "--reading", "as-left=126", "--reading",
            "seal=pass",
        ])
        #expect(failed.status == 2 && failed.stderr.contains("recorded as FAILED"), "\(failed.stderr)")
        let due = try maintctl(["due"])
        #expect(due.stdout.contains("due (retest)!"), "\(due.stdout)")
        let calibration = try task("TW-04/calibration")
        #expect(calibration["state"] as? String == "due")
        #expect(calibration["awaitingRetest"] as? Bool == true)
        let finding = try #require(try Journald.entries(["_PID=\(daemon.pid)", "MAINT_EVENT=finding"]).first)
        #expect(finding["PRIORITY"] == "3")
        #expect(finding["MESSAGE_ID"] == MaintenanceEventKind.finding.messageID)
        #expect(finding["MESSAGE"]?.contains("as-found = 130 N·m (min 115.2, max 124.8)") == true)

        // As found out of limits, adjusted into them: a pass with a finding. The retest is satisfied.
        let passed = try json(
            try maintctl([
                "done", "TW-04/calibration", "--reading", "as-found=130", "--reading", "as-left=120.1", "--reading",
                "seal=ok", "--json",
            ]))
        let record = try #require(passed["record"] as? [String: Any])
        #expect(record["result"] as? String == "pass")
        #expect(record["findings"] as? [String] == ["as-found"])
        #expect(record["onTime"] as? Bool == true)
        #expect(record["checks"] as? [String: Bool] == ["seal": true])
        #expect(try task("TW-04/calibration")["awaitingRetest"] as? Bool == false)
        #expect(try daemon.status().outOfTolerance.isEmpty)
        let history = try maintctl(["history", "TW-04/calibration"])
        #expect(history.stdout.contains("FINDING (as found): as-found"))
    }

    @Test func deferralsAreBoundedRefusedForSafetyWorkAndCancellable() throws {
        defer { daemon.stop() }
        let safety = try maintctl(["defer", "P1/guard", "--until", iso(3), "--reason", "busy"])
        #expect(safety.status == 1 && safety.stderr.contains("\"deferrable\": false"), "\(safety.stderr)")
        // Greasing is due in 20 days; a deferral must be later than that and at most 3 days later.
        let early = try maintctl(["defer", "P1/grease", "--until", iso(19), "--reason", "busy"])
        #expect(early.status == 1 && early.stderr.contains("a deferral postpones"), "\(early.stderr)")
        let late = try maintctl(["defer", "P1/grease", "--until", iso(24), "--reason", "busy"])
        #expect(late.status == 1 && late.stderr.contains("at most 3d past its due time"), "\(late.stderr)")
        #expect(try maintctl(["defer", "P1/grease", "--until", iso(22), "--reason", "busy"]).status == 0)
        #expect(try task("P1/grease")["state"] as? String == "deferred")
        let cancelled = try maintctl(["cancel-deferral", "P1/grease", "--reason", "line stops after all"])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        #expect(try task("P1/grease")["state"] as? String == "scheduled")
        let history = try json(try maintctl(["history", "P1/grease", "--json"]))
        let kinds = (history["records"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["deferral-cancellation", "deferral"])
    }

    @Test func aMeterTypoIsCorrectedByALeadThroughMaintctlAndThePythonClient() throws {
        defer { daemon.stop() }
        let low = try maintctl(["meter", "P1", "run-hours", "900"])
        #expect(low.status == 1 && low.stderr.contains("lastDoneValue"), "\(low.stderr)")
        #expect(try maintctl(["meter", "P1", "run-hours", "1e308"]).status == 1)
        #expect(try maintctl(["meter", "P1", "run-hours", "1010", "--at", iso(-2.0 / 24)]).status == 0)
        let typo = try json(try maintctl(["meter", "P1", "run-hours", "1012", "--at", iso(-1.0 / 24), "--json"]))
        let id = try #require((typo["record"] as? [String: Any])?["id"] as? Int)
        let blind = try maintctl(["meter", "P1", "run-hours", "1011.5"])
        #expect(blind.status == 1 && blind.stderr.contains("lower than the previous reading 1012 h"))
        let withdrawn = try maintctl(["correct-meter", String(id), "--withdraw", "--reason", "typed 1012 for 1011"])
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        #expect(try maintctl(["meter", "P1", "run-hours", "1011.5"]).status == 0)
        // The same through the Python client: correct the first reading's value.
        let first = try #require(
            (try json(try maintctl(["history", "P1", "--kind", "meter-reading", "--json"]))["records"]
                as? [[String: Any]])?
                .last?["id"] as? Int)
        let python = try Binaries.run(
            Binaries.python,
            [
                "-m", "varlink.cli", "call", "unix:\(daemon.socketPath)/io.maintd.Maintenance.CorrectMeterReading",
                #"{"record": \#(first), "value": 1009.5, "reason": "read off the wrong display"}"#,
            ])
        #expect(python.status == 0, "\(python.stdout)\(python.stderr)")
        #expect(python.stdout.contains("meter-correction"))
    }

    @Test func renamedEquipmentKeepsItsHistoryAndARemovalWithOpenWorkIsWarned() throws {
        defer { daemon.stop() }
        #expect(
            try maintctl([
                "done", "TW-04/calibration", "--reading", "as-found=120", "--reading", "as-left=120", "--reading",
                "seal=pass",
            ]).status == 0)
        try plan(equipment: "TW-404", formerIds: #""formerIds": ["TW-04"],"#, guardTask: false).write(
            toFile: daemon.config, atomically: true, encoding: .utf8)
        let reload = try maintctl(["reload"])
        #expect(reload.status == 0, "\(reload.stderr)")
        let history = try json(try maintctl(["history", "TW-404/calibration", "--json"]))
        #expect((history["records"] as? [[String: Any]])?.first?["equipment"] as? String == "TW-04")
        #expect(try task("TW-404/calibration")["state"] as? String == "scheduled")
        let warning = try #require(try Journald.entries(["_PID=\(daemon.pid)", "MAINT_EVENT=tasks-removed"]).first)
        #expect(warning["PRIORITY"] == "4")
        #expect(warning["MESSAGE"]?.contains("P1/guard (overdue)") == true, "\(warning)")
        // A renamed machine is not a removal.
        #expect(warning["MESSAGE"]?.contains("TW-04") == false, "\(warning)")
    }

    @Test func implausibleTimesAndUnknownIdsAreRefused() throws {
        defer { daemon.stop() }
        let early = try maintctl(["done", "P1/grease", "--at", "2020-01-01"])
        #expect(early.status == 1 && early.stderr.contains("before P1 was commissioned"), "\(early.stderr)")
        let absurd = try maintctl(["done", "P1/grease", "--at", "0000-01-01T00:00:00Z"])
        #expect(absurd.status == 1 && absurd.stderr.contains("not a plausible time"), "\(absurd.stderr)")
        let unknown = try maintctl(["history", "P1/no-such-task"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no task \"no-such-task\" on P1"), "\(unknown.stderr)")
    }
}
