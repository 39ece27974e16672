import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Testing

/// First-week paper cuts, each through the built binaries as a technician or lead would meet it.
@Suite(.serialized)
struct PaperCutsTests {
    static let tasks = """
        {"id": "calibration", "kind": "calibration", "title": "Calibrate", "every": "1 year",
         "lastDone": "2025-11-20T06:00", "tolerance": "0s",
         "instructions": "1. Clamp the wrench.\\n2. Apply 120 N·m three times.",
         "readings": [{"id": "as-left", "unit": "N·m", "min": 115.2, "max": 124.8}]},
        {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "35h", "leadTime": "10%"}
        """
    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        // A compressor in the utilities room belongs to no production line.
        let compressor = """
            , {"id": "CMP-01", "name": "Compressor", "tasks": [{"id": "drain", "kind": "inspection",
               "title": "Check condensate drain", "every": "1d", "lastDone": "2025-11-01"}]}
            """
        daemon = try Daemon(config: testPlant(Self.tasks, extraEquipment: compressor))
        try daemon.start()
        try daemon.waitUntilReady()
    }

    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments)
    }

    @Test func sharedOptionsWorkBeforeTheSubcommandAsTheRunHintTypesThem() throws {
        defer { daemon.stop() }
        let before = try maintctl(["--socket", daemon.socketPath, "--json", "status"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("\"site\" : \"Test plant\""))
        #expect(try maintctl(["--socket=\(daemon.socketPath)", "due"]).status == 0)
        let makefile = try String(
            contentsOfFile: Binaries.root.appendingPathComponent("Makefile").path, encoding: .utf8)
        #expect(makefile.contains("maintctl --socket $(RUNDIR)/maintd.sock due"))
    }

    @Test func aCompletionStoredAsFailedPrintsItsRecordAndExitsTwo() throws {
        defer { daemon.stop() }
        let failed = try maintctl([
            "done", "E1/calibration", "--socket", daemon.socketPath, "--reading", "as-left=130", "--json",
        ])
        #expect(failed.status == 2, "\(failed.stderr)")
        let reply = try #require(
            try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any], "\(failed.stdout)")
        #expect(reply["failed"] as? Bool == true)
        #expect((reply["record"] as? [String: Any])?["result"] as? String == "fail")
        let refused = try maintctl(["done", "E1/nope", "--socket", daemon.socketPath, "--json"])
        #expect(refused.status == 1)
        // Errors name the option the user typed, not the interface's parameter.
        let future = try maintctl([
            "done", "E1/calibration", "--socket", daemon.socketPath, "--at", "2099-01-01", "--reading", "as-left=120",
        ])
        #expect(future.status == 1 && future.stderr.contains("invalid --at:"), "\(future.stderr)")
        let within = try maintctl(["due", "--socket", daemon.socketPath, "--within", "3m"])
        #expect(within.stderr.contains("invalid --within:"), "\(within.stderr)")
    }

    @Test func dueWithinAWindowKeepsWhatDueAloneLists() throws {
        defer { daemon.stop() }
        let plain = try maintctl(["due", "--socket", daemon.socketPath, "--line", "line-b"]).stdout
        let within = try maintctl(["due", "--socket", daemon.socketPath, "--line", "line-b", "--within", "7d"]).stdout
        for line in plain.split(separator: "\n").dropFirst() {
            let task = try #require(line.split(separator: " ").first { $0.contains("/") })
            #expect(within.contains(task), "\(task) is listed by due but not by due --within 7d")
        }
    }

    @Test func statusCountsOneLineAndShowIndentsInstructions() throws {
        defer { daemon.stop() }
        let line = try maintctl(["status", "--socket", daemon.socketPath, "--line", "line-a", "--json"])
        let status = try #require(
            (try JSONSerialization.jsonObject(with: Data(line.stdout.utf8)) as? [String: Any])?["status"]
                as? [String: Any])
        #expect(status["tasks"] as? Int == 0)
        let show = try maintctl(["show", "E1/calibration", "--socket", daemon.socketPath]).stdout
        #expect(show.contains("  instructions\n    1. Clamp the wrench.\n    2. Apply 120 N·m three times."), "\(show)")
    }

    @Test func watchFollowsMaintdAcrossARestart() throws {
        defer { daemon.stop() }
        let output = daemon.directory.appendingPathComponent("watch.out").path
        let watch = try ChildProcess(
            Binaries.maintctl, ["watch", "--socket", daemon.socketPath], environment: [:], log: output)
        defer { kill(watch.processIdentifier, SIGTERM) }
        usleep(500_000)
        daemon.stop()
        try daemon.start()
        try daemon.waitUntilReady(count: 2)
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while Date() < deadline {
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if text.contains("reconnected") { break }
            usleep(100_000)
        }
        #expect(text.contains("maintd went away") && text.contains("reconnected"), "\(text)")
        // Events after the restart reach the same watcher.
        #expect(
            try maintctl(["done", "E1/calibration", "--socket", daemon.socketPath, "--reading", "as-left=120"]).status
                == 0)
        let until = Date().addingTimeInterval(10)
        while Date() < until, !text.contains("completed") {
            usleep(100_000)
            text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }
        #expect(text.contains("completed"), "\(text)")
        #expect(watch.isRunning)
    }

    @Test func equipmentOutsideAnyLineIsShownAndFiltered() throws {
        defer { daemon.stop() }
        let due = try maintctl(["due", "--socket", daemon.socketPath])
        let row = try #require(due.stdout.split(separator: "\n").first { $0.contains("CMP-01/drain") })
        #expect(row.contains("—"), "\(row)")
        let noLine = try maintctl(["tasks", "--socket", daemon.socketPath, "--line", "-"])
        #expect(noLine.status == 0 && noLine.stdout.contains("CMP-01/drain") && !noLine.stdout.contains("E1/"))
        let unknown = try maintctl(["tasks", "--socket", daemon.socketPath, "--line", "line-z"])
        #expect(unknown.status == 1 && unknown.stderr.contains("no line \"line-z\""), "\(unknown.stderr)")
    }

    /// Regression: a JSON syntax error in an included file showed an empty path ("file:2:3: : invalid JSON").
    @Test func aSyntaxErrorInAnIncludedFileOnReloadShowsNoEmptyPath() throws {
        defer { daemon.stop() }
        let config = try String(contentsOfFile: daemon.config, encoding: .utf8)
        try config.replacingOccurrences(of: "\"lines\":", with: "\"include\": [\"broken.json\"], \"lines\":")
            .write(toFile: daemon.config, atomically: true, encoding: .utf8)
        try "{\"equipment\": [}".write(
            toFile: daemon.directory.appendingPathComponent("broken.json").path, atomically: true, encoding: .utf8)
        let reload = try maintctl(["reload", "--socket", daemon.socketPath])
        #expect(reload.status == 1)
        #expect(reload.stderr.contains("broken.json:1:"), "\(reload.stderr)")
        #expect(!reload.stderr.contains(": : "), "\(reload.stderr)")
    }
}
