import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Testing

/// The Varlink socket through the built maintctl and the Python `varlink` client from PyPI.
@Suite(.serialized)
struct SocketTests {
    static let tasks = """
        {"id": "calibration", "kind": "calibration", "title": "Calibrate to ISO 6789", "every": "1 year",
         "lastDone": "2025-11-20T06:00", "tolerance": "0s",
         "readings": [{"id": "as-found", "unit": "N·m", "min": 115.2, "max": 124.8}]},
        {"id": "grease", "kind": "lubrication", "title": "Grease bearings", "meter": {"id": "run-hours", "every": 250}}
        """
    static let config = testPlant(tasks, meters: #"{"id": "run-hours", "unit": "h"}"#)

    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        try TestUsers.ensure()
        daemon = try Daemon(config: Self.config)
        try daemon.start()
        try daemon.waitUntilReady()
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
    }

    /// maintctl with `--socket` after the subcommand, where it belongs.
    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, [arguments[0], "--socket", daemon.socketPath] + arguments.dropFirst())
    }

    func json(_ result: Binaries.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    @Test func everyMethodWorksThroughMaintctl() throws {
        defer { daemon.stop() }
        let status = try maintctl(["status"])
        #expect(status.status == 0 && status.stdout.contains("Test plant"))
        let due = try maintctl(["due"])
        #expect(due.status == 0, "due exits 0 even when things are due")
        #expect(due.stdout.contains("overdue") && due.stdout.contains("E1/calibration"))
        #expect(try maintctl(["due", "--line", "line-a"]).stdout.contains("nothing due on line-a"))
        let tasks = try json(try maintctl(["tasks", "--json"]))
        #expect((tasks["tasks"] as? [[String: Any]])?.count == 2)
        let show = try maintctl(["show", "E1/calibration"])
        #expect(show.status == 0 && show.stdout.contains("as-found"))
        let missing = try maintctl(["show", "E1/nope"])
        #expect(missing.status == 1 && missing.stderr.contains("Error: no task \"nope\" on E1"))
        // Record, meter, defer, skip, correct, history, reload.
        let done = try json(
            try maintctl(["done", "E1/calibration", "--reading", "as-found=120.1", "--note", "ok", "--json"]))
        let record = try #require((done["record"] as? [String: Any])?["id"] as? Int)
        #expect((done["task"] as? [String: Any])?["state"] as? String == "scheduled")
        #expect(try maintctl(["meter", "E1", "run-hours", "100"]).status == 0)
        let deferred = try maintctl([
            "defer", "E1/grease", "--until", "2099-01-01T06:00", "--reason", "line cannot stop",
        ])
        #expect(deferred.status == 0, "\(deferred.stderr)")
        #expect(try maintctl(["skip", "E1/grease", "--reason", "machine replaced"]).status == 0)
        let corrected = try maintctl([
            "correct", String(record), "--reason", "wrong value typed", "--reading", "as-found=120.4",
        ])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let history = try json(try maintctl(["history", "E1", "--json"]))
        let kinds = (history["records"] as? [[String: Any]])?.compactMap { $0["kind"] as? String } ?? []
        #expect(kinds == ["correction", "skip", "deferral", "meter-reading", "completion"])
        let original = (history["records"] as? [[String: Any]])?.last
        #expect(original?["supersededBy"] as? Int != nil)
        let reload = try maintctl(["reload"])
        #expect(reload.status == 0 && reload.stdout.contains("configuration reloaded"))
    }

    /// GetStatus is answered on the event loop from the reply last worked out (issue 9). It must say what a trip
    /// through the service's queue would: every change clears it, and a caller with no role is still refused.
    @Test func getStatusFromThePublishedReplyIsNeverStaleAndStillChecksRoles() throws {
        defer { daemon.stop() }
        let client = try daemon.client()
        let first = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
        let published = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
        #expect(published.overdue == 1 && first.overdue == 1 && published.configHash == first.configHash)
        let done = try maintctl(["done", "E1/calibration", "--reading", "as-found=120"])
        #expect(done.status == 0, "\(done.stderr)")
        let afterWork = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
        #expect(afterWork.overdue == 0, "a completion must clear the published GetStatus")
        // Roles that leave the maintd group's technicians with none; the reply is published again by root.
        try Self.config.replacingOccurrences(
            of: #""site": {"name": "Test plant", "timezone": "Europe/Berlin"},"#,
            with:
                #""site": {"name": "Test plant", "timezone": "Europe/Berlin"}, "roles": {"technician": ["maintd-leads"], "lead": ["maintd-leads"]},"#
        ).write(toFile: daemon.config, atomically: true, encoding: .utf8)
        #expect(try maintctl(["reload"]).status == 0)
        let reloaded = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
        #expect(reloaded.configHash != first.configHash)
        _ = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)
        let refused = try TestUsers.maintctl(as: TestUsers.technicians[0], ["status", "--socket", daemon.socketPath])
        #expect(
            refused.status != 0 && refused.stderr.contains("permission denied"), "\(refused.stdout)\(refused.stderr)")
    }

    @Test func everyMethodWorksThroughThePythonVarlinkClient() throws {
        defer { daemon.stop() }
        let address = "unix:\(daemon.socketPath)"
        func python(_ arguments: [String]) throws -> Binaries.Result {
            try Binaries.run(Binaries.python, ["-m", "varlink.cli"] + arguments)
        }
        let info = try python(["info", address])
        #expect(info.status == 0 && info.stdout.contains("io.maintd.Maintenance"), "\(info.stderr)")
        let help = try python(["help", "\(address)/io.maintd.Maintenance"])
        #expect(help.stdout.contains("method CompleteTask"))
        func call(_ method: String, _ parameters: String) throws -> [String: Any] {
            let result = try python(["call", "\(address)/io.maintd.Maintenance.\(method)", parameters])
            return try #require(
                try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                "\(method): \(result.stdout)\(result.stderr)")
        }
        #expect((try call("GetStatus", "{}")["status"] as? [String: Any])?["tasks"] as? Int == 2)
        #expect((try call("ListEquipment", "{}")["equipment"] as? [Any])?.count == 1)
        #expect((try call("ListTasks", #"{"state": "overdue"}"#)["tasks"] as? [Any])?.count == 1)
        #expect(try call("GetTask", #"{"equipment": "E1", "task": "grease"}"#)["task"] != nil)
        let done = try call(
            "CompleteTask", #"{"equipment": "E1", "task": "calibration", "readings": {"as-found": 119}}"#)
        let id = try #require((done["record"] as? [String: Any])?["id"] as? Int)
        #expect(
            try call("CorrectRecord", "{\"record\": \(id), \"reason\": \"typo\", \"note\": \"fixed\"}")["record"] != nil
        )
        #expect(try call("RecordMeter", #"{"equipment": "E1", "meter": "run-hours", "value": 10}"#)["record"] != nil)
        #expect(
            try call(
                "DeferTask", #"{"equipment": "E1", "task": "grease", "until": "2099-01-01T00:00:00Z", "reason": "r"}"#)[
                    "record"] != nil)
        #expect(try call("SkipOccurrence", #"{"equipment": "E1", "task": "grease", "reason": "r"}"#)["record"] != nil)
        #expect((try call("History", #"{"limit": 3}"#)["records"] as? [Any])?.count == 3)
        #expect(try call("Reload", "{}")["summary"] != nil)
        // A typed error, as the interface declares it.
        let error = try python([
            "call", "\(address)/io.maintd.Maintenance.GetTask", #"{"equipment": "E1", "task": "nope"}"#,
        ])
        #expect((error.stdout + error.stderr).contains("NoSuchTask"))
    }

    @Test func watchStreamsEventsLive() throws {
        defer { daemon.stop() }
        let output = daemon.directory.appendingPathComponent("watch.out").path
        let watcher = try ChildProcess(
            Binaries.maintctl, ["watch", "--socket", daemon.socketPath, "--json", "--line", "line-b"],
            environment: ProcessInfo.processInfo.environment, log: output)
        defer {
            kill(watcher.processIdentifier, SIGTERM)
            watcher.waitUntilExit()
        }
        func lines() -> [String] {
            ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        let deadline = Date().addingTimeInterval(10)
        while !lines().contains(where: { $0.contains("\"watching\"") }) && Date() < deadline { usleep(20_000) }
        #expect(try maintctl(["done", "E1/calibration", "--reading", "as-found=130"]).status == 2)  // out of tolerance
        while lines().count < 3 && Date() < deadline { usleep(20_000) }
        let kinds = lines().compactMap { line -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return (object["event"] as? [String: Any])?["kind"] as? String
        }
        #expect(kinds.starts(with: ["watching", "completed", "out-of-tolerance"]), "\(lines())")
    }

    @Test func recordsAreAttributedToTheUnixUserWhoMadeThemAndTechniciansCannotDeferOrReload() throws {
        defer { daemon.stop() }
        let socket = ["--socket", daemon.socketPath]
        func asUser(_ user: String, _ arguments: [String]) throws -> Binaries.Result {
            try TestUsers.maintctl(as: user, [arguments[0]] + socket + arguments.dropFirst())
        }
        for user in TestUsers.technicians {
            let result = try asUser(user, ["done", "E1/calibration", "--reading", "as-found=120"])
            #expect(result.status == 0, "\(user): \(result.stderr)")
        }
        let history = try daemon.client().call(
            "io.maintd.Maintenance.History", HistoryParameters(kind: "completion", limit: 10), as: HistoryReply.self)
        #expect(history.records.map(\.by) == TestUsers.technicians.reversed())
        let refused = try asUser(
            TestUsers.technicians[0], ["defer", "E1/grease", "--until", "2099-01-01", "--reason", "r"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("permission denied: DeferTask needs a lead; maintd-tech1 is a technician"))
        #expect(
            try asUser(TestUsers.technicians[0], ["reload"]).stderr.contains("permission denied: Reload needs a lead"))
        // A technician corrects only their own records.
        let others = try #require(history.records.first { $0.by == TestUsers.technicians[1] })
        let correction = try asUser(TestUsers.technicians[0], ["correct", String(others.id), "--reason", "x"])
        #expect(correction.stderr.contains("permission denied"))
        // A lead may.
        #expect(
            try asUser(TestUsers.lead, ["defer", "E1/grease", "--until", "2099-01-01", "--reason", "r"]).status == 0)
        let denials = try Journald.entries(["_PID=\(daemon.pid)", "MAINT_EVENT=permission-denied"])
        #expect(
            denials.count >= 3
                && denials.allSatisfy { $0["PRIORITY"] == "4" && $0["MAINT_BY"] == TestUsers.technicians[0] })
    }

    @Test func anOutsiderIsToldHowToGetAccess() throws {
        defer { daemon.stop() }
        chmod(daemon.socketPath, 0o660)
        _ = try Binaries.run("/usr/sbin/useradd", ["-M", "-N", "maintd-outsider"])
        let result = try TestUsers.maintctl(as: "maintd-outsider", ["status", "--socket", daemon.socketPath])
        #expect(result.status == 3)
        #expect(result.stderr.contains("permission denied on \(daemon.socketPath): add yourself to group maintd"))
        daemon.stop()
        let stopped = try maintctl(["status"])
        #expect(stopped.status == 3 && stopped.stderr.contains("maintd is not running"))
    }

    @Test func historySurvivesARestart() throws {
        #expect(try maintctl(["done", "E1/calibration", "--reading", "as-found=120"]).status == 0)
        daemon.stop()
        try daemon.start()
        try daemon.waitUntilReady(count: 2)
        defer { daemon.stop() }
        let history = try json(try maintctl(["history", "E1/calibration", "--json"]))
        #expect((history["records"] as? [[String: Any]])?.first?["readings"] as? [String: Double] == ["as-found": 120])
        #expect(
            (try json(try maintctl(["show", "E1/calibration", "--json"]))["task"] as? [String: Any])?["state"]
                as? String == "scheduled")
    }

    @Test func meterReadingsThatGoBackOrJumpAreRejected() throws {
        defer { daemon.stop() }
        #expect(try maintctl(["meter", "E1", "run-hours", "1000", "--at", "2026-01-01T00:00:00Z"]).status == 0)
        let back = try maintctl(["meter", "E1", "run-hours", "900", "--at", "2026-01-02T00:00:00Z"])
        #expect(back.status == 1 && back.stderr.contains("is lower than the previous reading 1000 h"))
        // 500 h in one day: more than the 1.1 h per hour an hour meter can count.
        let jump = try maintctl(["meter", "E1", "run-hours", "1500", "--at", "2026-01-02T00:00:00Z"])
        #expect(jump.status == 1 && jump.stderr.contains("rose by 500 h in 24 h"))
        let logged = try Journald.entries(["_PID=\(daemon.pid)", "MAINT_EVENT=meter-rejected"])
        #expect(logged.count == 2)
    }

    @Test func readingsOutsideLimitsFailTheCompletionAndMarkTheEquipment() throws {
        defer { daemon.stop() }
        let result = try maintctl(["done", "E1/calibration", "--reading", "as-found=130"])
        #expect(result.status == 2 && result.stderr.contains("recorded as FAILED"))
        let status = try daemon.status()
        #expect(status.outOfTolerance == ["E1/calibration"])
        let logged = try Journald.entries(["_PID=\(daemon.pid)", "MAINT_EVENT=out-of-tolerance"])
        #expect(logged.first?["PRIORITY"] == "3")
        // A failed calibration does not satisfy the schedule; a passing one clears the state.
        #expect(
            (try json(try maintctl(["show", "E1/calibration", "--json"]))["task"] as? [String: Any])?["state"]
                as? String == "overdue")
        #expect(try maintctl(["done", "E1/calibration", "--reading", "as-found=120"]).status == 0)
        #expect(try daemon.status().outOfTolerance.isEmpty)
    }

    @Test func hostileInputGetsAnErrorWhileAnotherClientKeepsBeingServed() throws {
        defer { daemon.stop() }
        func exchange(_ bytes: [UInt8]) throws -> JSONLiteral {
            let client = try daemon.client()
            try client.sendRaw(bytes)
            return try client.receive()
        }
        func error(_ text: String) throws -> String? { try exchange(Array(text.utf8) + [0])["error"]?.stringValue }
        #expect(try error("not json") == "io.maintd.Maintenance.InvalidParameter")
        #expect(try error(#"{"method": "io.maintd.Maintenance.Nope"}"#) == "org.varlink.service.MethodNotFound")
        #expect(try error(#"{"method": "com.example.Other.Call"}"#) == "org.varlink.service.InterfaceNotFound")
        let wrongType = try exchange(
            Array(
                #"{"method": "io.maintd.Maintenance.RecordMeter", "parameters": {"equipment": "E1", "meter": "run-hours", "value": "lots"}}"#
                    .utf8) + [0])
        #expect(wrongType["parameters"]?["parameter"]?.stringValue == "value")
        let unknown = try exchange(
            Array(#"{"method": "io.maintd.Maintenance.ListTasks", "parameters": {"lien": "line-a"}}"#.utf8) + [0])
        #expect(unknown["parameters"]?["parameter"]?.stringValue == "lien")
        #expect(try error(#"{"method": "io.maintd.Maintenance.Watch"}"#) == "org.varlink.service.ExpectedMore")
        // Over the size limit: answered, then closed.
        let huge = try exchange(
            Array(#"{"method": "io.maintd.Maintenance.GetStatus", "parameters": {"x": ""#.utf8)
                + Array(repeating: UInt8(ascii: "a"), count: 1_100_000))
        #expect(huge["parameters"]?["reason"]?.stringValue?.contains("larger than") == true)
        // Half a message that never ends, and a flood of idle connections.
        let stalled = try daemon.client()
        try stalled.sendRaw(Array(#"{"method": "io.maintd.Maint"#.utf8))
        var flood: [VarlinkClient] = []
        for _ in 0..<600 { if let client = try? daemon.client() { flood.append(client) } }
        // A second client is still served, promptly. The flood's connections close on every event loop a moment
        // after they are dropped; until then the same user may be at its limit and is told so, so it asks again.
        let started = Date()
        flood.removeAll()
        var status: WireStatus?
        while status == nil && Date().timeIntervalSince(started) < 2 {
            status = try? daemon.client().call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
        }
        #expect(status?.tasks == 2)
        #expect(Date().timeIntervalSince(started) < 2)
        _ = stalled
    }

    @Test func theShippedInterfaceFileIsWhatTheDaemonDescribes() throws {
        defer { daemon.stop() }
        let shipped = try String(
            contentsOf: Binaries.root.appendingPathComponent(
                "Sources/MaintenanceProtocol/io.maintd.Maintenance.varlink"), encoding: .utf8)
        let described = try daemon.client().call(
            "org.varlink.service.GetInterfaceDescription",
            InterfaceDescriptionParameters(interface: "io.maintd.Maintenance"),
            as: InterfaceDescriptionReply.self)
        #expect(described.description == shipped)
    }
}
