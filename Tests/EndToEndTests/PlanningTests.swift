import Foundation
import MaintenanceCore
import Testing

/// Planning fields through the built binaries: `show` says how long, whether the machine stops, lockout, who and
/// which parts; `forecast --per-day` sums the hours per day and line; `due --mine` is what is assigned to the caller
/// (by user name or group), run as real Unix users.
@Suite(.serialized)
struct PlanningTests {
    static let tasks = """
        {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-11-02T06:00", "estimatedDuration": "1h 30min", "assignee": "maintd-tech1"},
        {"id": "seals", "kind": "replacement", "title": "Replace seals", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-11-02T06:00", "estimatedDuration": "2h", "downtime": true, "lockout": true,
         "assignee": "maintd-leads", "parts": [{"number": "SK-2231", "quantity": 2, "description": "shaft seal"}]},
        {"id": "look", "kind": "inspection", "title": "Look", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-11-02T06:00"}
        """
    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        try TestUsers.ensure()
        daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        _ = try daemon.waitUntilReady()
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
    }

    func maintctl(as user: String? = nil, _ arguments: [String]) throws -> Binaries.Result {
        let full = arguments + ["--socket", daemon.socketPath]
        guard let user else { return try Binaries.run(Binaries.maintctl, full) }
        return try TestUsers.maintctl(as: user, full)
    }

    func tasks(_ result: Binaries.Result) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return try #require(object?["tasks"] as? [[String: Any]], "\(result.stdout)\(result.stderr)")
            .compactMap { $0["task"] as? String }
    }

    @Test func planningIsShownSummedAndAssigned() throws {
        defer { _ = daemon.stop() }
        let show = try maintctl(["show", "E1/seals"]).stdout
        for expected in ["takes 2h", "machine must stop", "LOCKOUT/TAGOUT", "assigned to maintd-leads", "2 × SK-2231"] {
            #expect(show.contains(expected), "\(expected) not in:\n\(show)")
        }
        #expect(try tasks(try maintctl(as: TestUsers.technicians[0], ["due", "--mine", "--json"])) == ["grease"])
        #expect(try tasks(try maintctl(as: TestUsers.lead, ["due", "--mine", "--json"])) == ["seals"])
        #expect(try tasks(try maintctl(as: TestUsers.technicians[1], ["due", "--mine", "--json"])).isEmpty)

        // Every Monday 06:00 site time (05:00Z): 1.5 h + 2 h on line-b, one task without an estimate.
        let forecast = try Binaries.run(
            Binaries.maintctl,
            [
                "forecast", "--config", daemon.config, "--from", "2026-12-07T00:00:00Z", "--days", "7", "--per-day",
                "--json",
            ])
        let sums = try #require(
            (try JSONSerialization.jsonObject(with: Data(forecast.stdout.utf8)) as? [String: Any])?["days"]
                as? [[String: Any]], "\(forecast.stdout)\(forecast.stderr)")
        // The forecast starts from each task's lastDone: the occurrence of 11-09 is already overdue at its start.
        #expect(sums.map { $0["day"] as? String } == ["2026-11-09", "2026-12-07"])
        let monday = try #require(sums.last)
        #expect(monday["line"] as? String == "line-b")
        #expect(monday["hours"] as? Double == 3.5 && monday["tasks"] as? Int == 3)
        #expect(monday["withoutEstimate"] as? Int == 1 && monday["downtimeTasks"] as? Int == 1)
    }
}
