import Foundation
import MaintenanceCore
import Testing

/// Checklists through the built binaries: `show` lists the steps, `maintctl done --step` and the Python varlink
/// client answer them, a failed step is stored as failed work (exit 2), and the history keeps every answer with the
/// step's text.
@Suite(.serialized)
struct ChecklistEndToEndTests {
    static let tasks = """
        {"id": "service", "kind": "inspection", "title": "Weekly service", "every": "7d",
         "steps": [
           {"id": "guard", "text": "Light curtain stops the ram"},
           {"id": "pressure", "text": "Hydraulic pressure", "type": "number", "unit": "bar", "min": 5, "max": 7},
           {"id": "batch", "text": "Grease batch number", "type": "text", "required": false},
           {"id": "hours", "text": "Run hours on the counter", "type": "meter", "meter": "run-hours"}
         ]}
        """
    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        daemon = try Daemon(config: testPlant(Self.tasks, meters: #"{"id": "run-hours", "unit": "h"}"#))
        try daemon.start()
        _ = try daemon.waitUntilReady()
    }

    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments + ["--socket", daemon.socketPath])
    }

    @Test func stepsAreAnsweredThroughMaintctlAndVarlinkAndKept() throws {
        defer { _ = daemon.stop() }
        let show = try maintctl(["show", "E1/service"])
        #expect(show.stdout.contains("checklist") && show.stdout.contains("Hydraulic pressure"))

        let done = try maintctl([
            "done", "E1/service", "--step", "guard=pass", "--step", "pressure=6.1", "--step", "batch=G-22, lot 4",
            "--step", "hours=120",
        ])
        #expect(done.status == 0, "\(done.stderr)")
        let failed = try maintctl([
            "done", "E1/service", "--step", "guard=fail", "--step", "pressure=6", "--step", "hours=121", "--nc",
            "NC-2026-0042",
        ])
        #expect(failed.status == 2 && failed.stderr.contains("guard"), "\(failed.stdout)\(failed.stderr)")

        // The failed step opened corrective work, listed by due until it is done.
        func due() throws -> [[String: Any]] {
            let result = try maintctl(["due", "--json"])
            return try #require(
                (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["tasks"]
                    as? [[String: Any]], "\(result.stdout)\(result.stderr)")
        }
        let followUp = try #require(try due().first { $0["kind"] as? String == "corrective" })
        let id = try #require(followUp["task"] as? String)
        #expect(id.hasPrefix("follow-up-") && followUp["followUpOf"] as? Int != nil)
        #expect((followUp["title"] as? String)?.contains("failed steps: guard") == true)
        #expect(try maintctl(["show", "E1/\(id)"]).stdout.contains("NC-2026-0042"))
        let events = try Journald.events(pids: [daemon.pid], waitingFor: 3, timeout: 10)
        #expect(events.contains { $0["MAINT_EVENT"] == "follow-up-opened" && $0["MAINT_NC"] == "NC-2026-0042" })
        // An integrator sees it through the Python varlink client too.
        let listed = try Binaries.run(
            Binaries.python,
            [
                "-m", "varlink.cli", "call", "unix:\(daemon.socketPath)/io.maintd.Maintenance.ListTasks",
                #"{"kind": "corrective"}"#,
            ])
        #expect(
            listed.stdout.contains(id) && listed.stdout.contains("\"followUpOf\""), "\(listed.stdout)\(listed.stderr)")
        let fixed = try maintctl(["done", "E1/\(id)", "--note", "light curtain realigned"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try due().allSatisfy { $0["kind"] as? String != "corrective" })
        let missing = try maintctl(["done", "E1/service", "--step", "guard=pass", "--step", "hours=122"])
        #expect(missing.status == 1 && missing.stderr.contains("--step pressure"), "\(missing.stderr)")

        let address = "unix:\(daemon.socketPath)/io.maintd.Maintenance"
        let python = try Binaries.run(
            Binaries.python,
            [
                "-m", "varlink.cli", "call", "\(address).CompleteTask",
                #"{"equipment": "E1", "task": "service", "steps": {"guard": "n-a", "pressure": "5.5", "hours": "122"}}"#,
            ])
        #expect(python.status == 0 && python.stdout.contains("\"record\""), "\(python.stdout)\(python.stderr)")

        let history = try maintctl(["history", "E1/service", "--kind", "completion", "--json"])
        let records = try #require(
            (try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [String: Any])?["records"]
                as? [[String: Any]])
        #expect(records.map { $0["result"] as? String } == ["pass", "fail", "pass"])
        #expect(records[1]["nonConformance"] as? String == "NC-2026-0042", "\(records[1])")
        let first = try #require(records.last?["steps"] as? [[String: Any]])
        #expect(first.map { $0["id"] as? String } == ["guard", "pressure", "batch", "hours"])
        #expect(first[0]["text"] as? String == "Light curtain stops the ram")
        #expect(first[2]["answer"] as? String == "G-22, lot 4")
        let meters = try maintctl(["history", "E1", "--kind", "meter-reading", "--json"])
        #expect(meters.stdout.contains("122"), "\(meters.stdout)")
        #expect(try maintctl(["history", "E1/service"]).stdout.contains("FAILED STEPS: guard"))

        // On a terminal, maintctl asks for each step not given (here through script(1), which gives it a pty).
        let asked = try Binaries.run(
            "/usr/bin/script",
            [
                "-qec",
                "\(Binaries.maintctl) done E1/service --socket \(daemon.socketPath) --step hours=123", "/dev/null",
            ], stdin: "pass\n6.4\n\n")
        #expect(asked.stdout.contains("Step 1/3: Light curtain stops the ram [pass/fail/n-a]"), "\(asked.stdout)")
        #expect(asked.stdout.contains("Step 2/3: Hydraulic pressure [bar; min 5, max 7]"), "\(asked.stdout)")
        #expect(asked.stdout.contains("(optional)") && asked.stdout.contains("recorded #"), "\(asked.stdout)")
    }
}
