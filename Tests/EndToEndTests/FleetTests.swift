import Foundation
import Testing

/// The central office sees every plant's maintd through journald forwarding: Debian's systemd-journal-upload sends
/// this machine's entries to systemd-journal-remote on loopback, and maintd's events arrive there with their
/// MAINT_* fields and MESSAGE_IDs, as a fleet's collector would store them.
struct FleetTests {
    static let upload = "/lib/systemd/systemd-journal-upload"
    static let remote = "/lib/systemd/systemd-journal-remote"

    @Test func maintdsEventsReachAJournalRemoteWithTheirFields() throws {
        try Journald.ensureRunning()
        // Upload only what comes after this point: a long-lived machine's journal can be large.
        let last = try Binaries.run("/usr/bin/journalctl", ["-n", "1", "-o", "json", "--no-pager"]).stdout
        let cursor = try #require(
            (try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])?["__CURSOR"] as? String)

        let daemon = try Daemon(
            config: testPlant(
                #"{"id": "grease", "kind": "lubrication", "title": "Grease gibs", "every": "1d", "lastDone": "2025-11-01"}"#
            ))
        try daemon.start()
        try daemon.waitUntilReady()
        #expect(try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath]).status == 0)
        let local = try Journald.events(pids: [daemon.pid], waitingFor: 2, timeout: 10)
        #expect(local.contains { $0["MAINT_EVENT"] == "completed" })
        _ = daemon.stop()

        let directory = daemon.directory.appendingPathComponent("remote")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try freePort()
        let receiver = try ChildProcess(
            Self.remote, ["--listen-http=127.0.0.1:\(port)", "--output=\(directory.path)/"], environment: [:],
            log: daemon.directory.appendingPathComponent("remote.log").path)
        defer {
            kill(receiver.processIdentifier, SIGTERM)
            _ = receiver.waitUntilExit()
        }
        var sent = Binaries.Result(status: -1, stdout: "", stderr: "")
        for _ in 0..<50 {
            sent = try Binaries.run(
                "/usr/bin/timeout",
                [
                    "60", Self.upload, "--url=http://127.0.0.1:\(port)", "--merge", "--after-cursor=\(cursor)",
                    "--follow=no", "--save-state=\(daemon.directory.path)/upload.state",
                ])
            if sent.status == 0 { break }
            usleep(100_000)  // the receiver may not listen yet
        }
        #expect(sent.status == 0, "\(sent.stderr)")

        let received = try Binaries.run(
            "/usr/bin/journalctl", ["-D", directory.path, "-o", "json", "--no-pager", "_PID=\(daemon.pid)"])
        let entries = received.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let completed = try #require(
            entries.first { $0["MAINT_EVENT"] as? String == "completed" }, "\(received.stderr)")
        #expect(completed["MAINT_EQUIPMENT"] as? String == "E1" && completed["MAINT_TASK"] as? String == "grease")
        #expect(completed["MESSAGE_ID"] as? String == local.first { $0["MAINT_EVENT"] == "completed" }?["MESSAGE_ID"])
        #expect(entries.contains { $0["MAINT_EVENT"] as? String == "overdue" })
    }
}
