import Foundation
import MaintenanceCore
import Testing

/// The plant calendar through the built binaries: a holiday yesterday moves an occurrence to today, and `show`,
/// `due`, `forecast` and the journal entry say from when and why; a job that needs the line down goes into the
/// shutdown. Dates are relative to today (UTC), every weekday is worked.
@Suite(.serialized)
struct PlantCalendarEndToEndTests {
    let daemon: Daemon
    let today: Date

    static func day(_ date: Date) -> String { String(Timestamp.rfc3339(date).prefix(10)) }

    init() throws {
        try Journald.ensureRunning()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        today = calendar.startOfDay(for: Date())
        let yesterday = today.addingTimeInterval(-86_400)
        let shutdownStart = today.addingTimeInterval(20 * 86_400)
        let config = """
            {
              "site": {"name": "Calendar plant", "timezone": "UTC"},
              "calendar": {"holidays": [{"date": "\(Self.day(yesterday))", "name": "Founders' Day"}],
                           "shutdowns": [{"from": "\(Self.day(shutdownStart))",
                                          "to": "\(Self.day(shutdownStart.addingTimeInterval(9 * 86_400)))",
                                          "reason": "summer shutdown"}]},
              "lines": [{"id": "line-a", "name": "Line A"}],
              "equipment": [{"id": "E1", "name": "Press", "line": "line-a", "tasks": [
                {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
                 "lastDone": "\(Self.day(yesterday.addingTimeInterval(-7 * 86_400)))T06:00"},
                {"id": "overhaul", "kind": "replacement", "title": "Overhaul", "every": "1 year", "anchor": "schedule",
                 "lastDone": "\(Self.day(shutdownStart.addingTimeInterval(-335 * 86_400)))", "tolerance": "60d",
                 "shutdownOnly": true}]}]
            }
            """
        daemon = try Daemon(config: config)
        try daemon.start()
        _ = try daemon.waitUntilReady()
    }

    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments + ["--socket", daemon.socketPath])
    }

    @Test func aMovedDueDateSaysFromWhenAndWhy() throws {
        defer { _ = daemon.stop() }
        let reason = "\(Self.day(today.addingTimeInterval(-86_400))) is a holiday: Founders' Day"
        let show = try maintctl(["show", "E1/grease", "--json"])
        let task = try #require(
            (try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])?["task"]
                as? [String: Any], "\(show.stderr)")
        #expect(task["dueAt"] as? String == Timestamp.rfc3339(today.addingTimeInterval(6 * 3_600)))
        #expect(task["dueMovedFrom"] as? String == Timestamp.rfc3339(today.addingTimeInterval(-18 * 3_600)))
        #expect(task["dueMoveReason"] as? String == reason)
        #expect(task["occurrence"] as? String == Timestamp.rfc3339(today.addingTimeInterval(-18 * 3_600)))
        let text = try maintctl(["show", "E1/grease"]).stdout
        #expect(text.contains("moved") && text.contains(reason))
        let tasks = try maintctl(["tasks"]).stdout
        #expect(tasks.contains("(moved)") && tasks.contains("Founders' Day"), "\(tasks)")

        // The overhaul (due 335 days after its last, with 60 days' tolerance) goes into the shutdown in 20 days.
        let overhaul = try maintctl(["show", "E1/overhaul"]).stdout
        #expect(overhaul.contains("into the summer shutdown"), "\(overhaul)")

        // forecast reads the configuration file itself (offline): the next greasing is not moved, the grid is kept.
        let forecast = try Binaries.run(
            Binaries.maintctl, ["forecast", "--config", daemon.config, "--days", "10", "--json"])
        let rows = try #require(
            (try JSONSerialization.jsonObject(with: Data(forecast.stdout.utf8)) as? [String: Any])?["occurrences"]
                as? [[String: Any]], "\(forecast.stderr)")
        let grease = rows.filter { $0["task"] as? String == "grease" }
        #expect(grease.first?["dueMoveReason"] as? String == reason)
        #expect(
            grease.dropFirst().first?["dueAt"] as? String
                == Timestamp.rfc3339(today.addingTimeInterval(6 * 86_400 + 6 * 3_600)))
        #expect(grease.dropFirst().first?["dueMoveReason"] == nil)

        // The journal entry announcing it says so too, in its message and in fields.
        let events = try Journald.events(pids: [daemon.pid], waitingFor: 2, timeout: 10)
            .filter { $0["MAINT_TASK"] == "grease" }
        let event = try #require(events.first)
        #expect(event["MESSAGE"]?.contains("moved from") == true)
        #expect(event["MAINT_DUE_MOVE_REASON"] == reason)
    }
}
