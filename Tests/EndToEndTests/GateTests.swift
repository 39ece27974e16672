import Foundation
import Testing

/// The machine gate through the binaries: `maintctl gate` exits 0, 1 or 255 as ExecCondition= expects, the MES asks
/// MayOperate over Varlink, and the example gated unit verifies.
@Suite(.serialized)
struct GateTests {
    // The curtain test is overdue from the start (daily, last done weeks ago); the gauge is good for a year; the
    // grease is overdue too, but does not block operation.
    static var tasks: String {
        // Calibrated a month ago, whatever day the test runs.
        let month = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-30 * 86_400))
        return """
            {"id": "curtain", "kind": "test", "title": "Test light curtain", "every": "1d", "lastDone": "2025-11-01",
             "blocksOperation": true},
            {"id": "gauge", "kind": "calibration", "title": "Calibrate pressure gauge", "every": "1 year",
             "tolerance": "0s", "blocksOperation": true, "lastDone": "\(month)",
             "readings": [{"id": "as-left", "unit": "bar", "min": 9.9, "max": 10.1}]},
            {"id": "grease", "kind": "lubrication", "title": "Grease gibs", "every": "1d", "lastDone": "2025-11-01"}
            """
    }
    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        let spare = """
            , {"id": "SPARE", "name": "Spare press", "inService": false, "tasks": [{"id": "look", "kind": "inspection",
               "title": "Look", "every": "7d"}]},
              {"id": "ROBOT", "name": "Robot \\u001b]0;owned\\u0007", "tasks": [{"id": "look",
               "kind": "inspection", "title": "Look", "every": "7d"}]}
            """
        daemon = try Daemon(config: testPlant(Self.tasks, extraEquipment: spare))
        try TestUsers.ensure()
        try daemon.start()
        try daemon.waitUntilReady()
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
    }

    func gate(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, ["gate"] + arguments + ["--socket", daemon.socketPath])
    }

    @Test func theGateStopsAMachineWhileABlockingTaskIsOverdueOrFailedAndFailsClosed() throws {
        defer { daemon.stop() }
        let blocked = try gate(["E1"])
        #expect(blocked.status == 1, "\(blocked.stdout)\(blocked.stderr)")
        #expect(blocked.stdout.contains("Press (E1) may NOT run"))
        #expect(blocked.stdout.contains("Test light curtain (E1/curtain) is overdue since"))
        #expect(!blocked.stdout.contains("grease"))

        // The technician does the test: the press may run.
        #expect(
            try TestUsers.maintctl(as: TestUsers.technicians[0], ["done", "E1/curtain", "--socket", daemon.socketPath])
                .status == 0)
        let open = try gate(["E1"])
        #expect(open.status == 0 && open.stdout == "Press (E1) may run\n", "\(open.stdout)\(open.stderr)")
        #expect(try gate(["E1", "--quiet"]).stdout.isEmpty)

        // A calibration out of limits stops it again, with the record, until a retest passes.
        let failed = try TestUsers.maintctl(
            as: TestUsers.technicians[0],
            ["done", "E1/gauge", "--reading", "as-left=10.6", "--socket", daemon.socketPath])
        #expect(failed.status == 2, "\(failed.stderr)")
        let json = try gate(["E1", "--json"])
        #expect(json.status == 1)
        let reply = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(reply["mayOperate"] as? Bool == false)
        let reasons = try #require(reply["reasons"] as? [[String: Any]])
        #expect(reasons.count == 1 && reasons[0]["reason"] as? String == "failed")
        #expect(reasons[0]["task"] as? String == "E1/gauge" && reasons[0]["record"] as? Int != nil)
        #expect(reply["blockingTasks"] as? [String] == ["E1/curtain", "E1/gauge"])

        // The MES asks the same over Varlink with the Python client.
        let mes = try Binaries.run(
            Binaries.python,
            [
                "-m", "varlink.cli", "call", "unix:\(daemon.socketPath)/io.maintd.Maintenance.MayOperate",
                #"{"equipment": "E1"}"#,
            ])
        #expect(
            mes.stdout.contains("\"mayOperate\": false") && mes.stdout.contains("awaits a passing retest"),
            "\(mes.stdout)\(mes.stderr)")
        #expect(
            try TestUsers.maintctl(
                as: TestUsers.technicians[1],
                ["done", "E1/gauge", "--reading", "as-left=10.0", "--socket", daemon.socketPath]
            ).status == 0)
        #expect(try gate(["E1"]).status == 0)

        // Out of service: may not run. Unknown equipment, a mistyped command line and a stopped maintd: 255.
        let spare = try gate(["SPARE"])
        #expect(spare.status == 1 && spare.stdout.contains("out of service"))
        let unknown = try gate(["P9"])
        #expect(unknown.status == 255 && unknown.stderr.contains("P9"), "\(unknown.stderr)")
        let unknownJSON = try gate(["P9", "--json"])
        #expect(unknownJSON.status == 255 && unknownJSON.stdout.contains("\"code\" : \"NoSuchEquipment\""))
        #expect(try gate([]).status == 255)
        #expect(try gate(["E1", "--bogus"]).status == 255)
        // A maintd that takes the connection and never answers: the gate gives up after --timeout, closed.
        let hung = daemon.directory.appendingPathComponent("hung.sock").path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in hung.utf8.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(bound == 0 && listen(listener, 8) == 0)
        let started = Date()
        let silent = try Binaries.run(Binaries.maintctl, ["gate", "E1", "--socket", hung, "--timeout", "1"])
        #expect(silent.status == 255 && silent.stderr.contains("did not answer within 1 s"), "\(silent.stderr)")
        #expect(Date().timeIntervalSince(started) < 5)
        // Stored text with terminal escapes is shown, not obeyed.
        let robot = try gate(["ROBOT"])
        #expect(robot.status == 0 && !robot.stdout.contains("\u{1B}"), "\(robot.stdout.debugDescription)")
        _ = daemon.stop()
        let down = try gate(["E1"])
        #expect(down.status == 255 && down.stderr.contains("cannot answer"), "\(down.stderr)")
    }

    /// `maintctl gate EQUIPMENT [-q]` on the default socket ($MAINTD_SOCKET) is parsed by hand (it runs at every
    /// start of a gated unit); it answers exactly as the full command line does, in every case.
    @Test func thePlainGateAnswersAsTheFullCommandLineDoes() throws {
        defer { daemon.stop() }
        let environment = ["MAINTD_SOCKET": daemon.socketPath]
        func both(_ arguments: [String]) throws {
            let plain = try Binaries.run(Binaries.maintctl, ["gate"] + arguments, environment: environment)
            // Any option takes ArgumentParser's path.
            let full = try Binaries.run(
                Binaries.maintctl, ["gate", "--timeout", "10"] + arguments, environment: environment)
            #expect(plain.status == full.status, "\(arguments): \(plain.status) \(full.status)")
            #expect(plain.stdout == full.stdout, "\(arguments)")
            #expect(plain.stderr == full.stderr, "\(arguments)")
        }
        for arguments in [["E1"], ["SPARE"], ["ROBOT"], ["P9"], ["E1", "-q"], ["--quiet", "SPARE"], ["E1", "E2"]] {
            try both(arguments)
        }
        #expect(try Binaries.run(Binaries.maintctl, ["gate", "E1"], environment: environment).status == 1)
        _ = daemon.stop()
        try both(["E1"])
        #expect(try Binaries.run(Binaries.maintctl, ["gate", "E1"], environment: environment).status == 255)
    }

    @Test func theExampleGatedUnitVerifies() throws {
        defer { daemon.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-gate-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = try String(
            contentsOf: Binaries.root.appendingPathComponent("systemd/examples/press-prs-01.service"), encoding: .utf8)
        let readme = try String(contentsOf: Binaries.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("ExecCondition=/usr/local/bin/maintctl gate PRS-01"))
        // The press controller is the site's own program; /bin/true stands in for it.
        let unit = example.replacingOccurrences(of: "/usr/local/bin/maintctl", with: Binaries.maintctl)
            .replacingOccurrences(of: "/usr/local/bin/press-controller", with: "/bin/true")
        let path = directory.appendingPathComponent("press-prs-01.service").path
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        let verify = try Binaries.run("/usr/bin/systemd-analyze", ["verify", "--man=no", path])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(unit.contains("ExecCondition=\(Binaries.maintctl) gate PRS-01"))
    }
}
