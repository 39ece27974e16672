import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Synchronization
import Testing

/// Records and the socket against careless and hostile users, through the built binaries.
@Suite(.serialized)
struct HostileInputTests {
    static let tasks = """
        {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "lastDone": "2026-11-01"}
        """

    @Test func aMistypedSocketPathNeverDeletesAFile() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        let victim = daemon.directory.appendingPathComponent("history-backup.sqlite").path
        try "precious".write(toFile: victim, atomically: true, encoding: .utf8)
        let result = try Binaries.run(
            Binaries.maintd, ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--socket", victim])
        #expect(result.status == 1)
        #expect(result.stderr.contains("exists and is not a socket; maintd will not remove it"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious")
    }

    @Test func theHistoryIsPrivateWhateverTheUmask() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        let old = umask(0)
        defer { umask(old) }
        try daemon.start()
        umask(old)
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        func mode(_ path: String) throws -> Int {
            ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1)
        }
        #expect(try mode(daemon.stateDirectory) == 0o700)
        #expect(try mode(daemon.stateDirectory + "/history.sqlite") == 0o600)
        #expect(try mode(daemon.stateDirectory + "/history.sqlite-wal") == 0o600)
        #expect(try mode(daemon.socketPath) == 0o660)
    }

    @Test func storedTextNeverReachesTheTerminalRaw() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        let note = "greased\u{1B}[2J\u{1B}[1;1H42  root  completion  forged row\u{202E}"
        let done = try Binaries.run(
            Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath, "--note", note])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(!done.stdout.contains("\u{1B}"))
        let history = try Binaries.run(Binaries.maintctl, ["history", "--socket", daemon.socketPath])
        #expect(!history.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(history.stdout.contains("greased\\u{1b}[2J\\u{1b}[1;1H42  root  completion  forged row\\u{202e}"))
        // The record itself keeps what was typed: escaping is for the screen only.
        let json = try Binaries.run(Binaries.maintctl, ["history", "--socket", daemon.socketPath, "--json"])
        #expect(json.stdout.contains("\\u001b[2J"))
    }

    @Test func aNoteCountsBytesAsWellAsCharacters() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        // 60,000 combining marks on one letter: one character, 120 KB (an argument may hold 128 KB).
        let note = "a" + String(repeating: "\u{0301}", count: 60_000)
        let started = Date()
        let result = try Binaries.run(
            Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath, "--note", note])
        #expect(result.status == 1 && result.stderr.contains("invalid --note: longer than 4000 characters"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func aOnewayStreamIsNotStartedAndTheConnectionGoesOn() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        let client = try daemon.waitUntilReady()
        defer { daemon.stop() }
        try client.sendRaw(Array(#"{"method":"io.maintd.Maintenance.Watch","more":true,"oneway":true}"#.utf8) + [0])
        try client.sendRaw(Array(#"{"method":"io.maintd.Maintenance.GetStatus"}"#.utf8) + [0])
        let reply = try client.receive()
        #expect(reply["parameters"]?["status"] != nil, "\(reply)")
        try client.sendRaw(Array(#"{"method":"io.maintd.Maintenance.GetStatus","upgrade":true}"#.utf8) + [0])
        #expect(try client.receive()["error"] == .string("org.varlink.service.InvalidParameter"))
    }

    /// Regression: sd_notify on a notification socket nobody reads froze every client (it blocked the service's
    /// queue). Notifications now leave on their own queue, STATUS= coalesced.
    @Test func aNotificationSocketNobodyReadsBlocksNothing() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        let path = daemon.directory.appendingPathComponent("full-notify.sock").path
        let sink = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(sink) }
        #expect(UnixSocketAddress.bind(sink, to: path) == 0)
        // Fill its receive queue from another socket until the kernel refuses more.
        let filler = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        defer { close(filler) }
        #expect(UnixSocketAddress.connect(filler, to: path) == 0)
        var sent = 0
        let chunk = [UInt8](repeating: 0x41, count: 1_024)
        while send(filler, chunk, chunk.count, Int32(MSG_NOSIGNAL)) > 0 && sent < 100_000 { sent += 1 }
        #expect(sent > 0 && sent < 100_000)

        try daemon.start(extraEnvironment: ["NOTIFY_SOCKET": path])
        let deadline = Date().addingTimeInterval(20)
        var status: WireStatus?
        while status == nil && Date() < deadline {
            status = try? daemon.status()
            if status == nil { usleep(100_000) }
        }
        #expect(status?.tasks == 1, "maintd did not answer while its notification socket was full")
        // Work goes on, and the daemon still stops promptly.
        let done = try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath])
        #expect(done.status == 0, "\(done.stderr)")
        let stopping = Date()
        #expect(daemon.stop() == 0)
        #expect(Date().timeIntervalSince(stopping) < 10)
    }

    /// One user's connections never lock out another user, and the one refused is told why.
    @Test func oneUserCannotTakeEveryConnection() throws {
        try TestUsers.ensure()
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
        var held: [VarlinkClient] = []
        for _ in 0..<128 {
            let client = try daemon.client()
            // A call answered means the connection was counted as root's.
            _ = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)
            held.append(client)
        }
        let refused = try daemon.client()
        let reply = try refused.receive()
        #expect(reply["error"] == .string("io.maintd.Maintenance.TooManyConnections"), "\(reply)")
        #expect(reply["parameters"]?["user"] == .string("root"))
        // Another user still gets in.
        let other = try TestUsers.maintctl(as: TestUsers.technicians[0], ["status", "--socket", daemon.socketPath])
        #expect(other.status == 0, "\(other.stderr)")
        // And a slot freed is a slot back.
        held.removeLast()
        usleep(200_000)
        #expect((try? daemon.client().call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)) != nil)
    }

    /// A client that floods (oneway calls by the ten thousand, or calls it never reads the replies of) never makes
    /// another client wait behind them, and its memory stays bounded.
    @Test func aFloodingClientNeverDelaysAnother() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        // Used by the flooding thread only, once handed over.
        nonisolated(unsafe) let flood = try daemon.client()
        let oneway = Array(#"{"method":"io.maintd.Maintenance.ListTasks","oneway":true}"#.utf8) + [0]
        let unread = Array(#"{"method":"io.maintd.Maintenance.ListTasks"}"#.utf8) + [0]
        let floodDone = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var batch: [UInt8] = []
            for index in 0..<40_000 { batch += index % 2 == 0 ? oneway : unread }
            try? flood.sendRaw(batch)  // blocks once maintd stops reading: that is the point
            floodDone.signal()
        }
        usleep(300_000)
        var slowest = 0.0
        for _ in 0..<20 {
            let started = Date()
            _ = try daemon.client().call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)
            slowest = max(slowest, Date().timeIntervalSince(started))
        }
        #expect(slowest < 1.0, "a GetStatus waited \(slowest) s behind the flood")
        let status = try String(contentsOfFile: "/proc/\(daemon.pid)/status", encoding: .utf8)
        let resident = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap {
            Int($0.split(separator: " ").dropFirst().first ?? "")
        }
        #expect((resident ?? 0) < 200 * 1024, "maintd holds \(resident ?? 0) KiB")
        _ = floodDone
    }

    /// Regression: deleting (or replacing, or truncating) the database under a running maintd made it acknowledge
    /// records into a deleted file, lost at the next start. Now it refuses, says so, and keeps refusing.
    @Test(arguments: ["delete", "replace", "truncate"])
    func aHistoryFileChangedUnderTheDaemonIsNeverWrittenBlind(how: String) throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        func done() throws -> Binaries.Result {
            try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath])
        }
        #expect(try done().status == 0)
        let file = daemon.stateDirectory + "/history.sqlite"
        switch how {
        case "delete": unlink(file)
        case "replace":
            try "not a history".write(toFile: file + ".new", atomically: false, encoding: .utf8)
            rename(file + ".new", file)
        default: truncate(file, 0)
        }
        for _ in 0..<2 {
            let refused = try done()
            #expect(refused.status == 1, "\(how): \(refused.stdout)")
            #expect(refused.stderr.contains("the history could not be written"), "\(refused.stderr)")
        }
        #expect(daemon.notify.messages.last?.message.contains("HISTORY UNAVAILABLE") == true)
        let entries = try Journald.entries(["_PID=\(daemon.pid)", "PRIORITY=2"])
        #expect(entries.contains { $0["MESSAGE"]?.contains("history file is gone") == true }, "\(entries)")
    }

    /// Reloading a large legal configuration never blocks serving: it is read and validated off the service's queue.
    @Test func aLargeReloadNeverBlocksServing() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        var machines: [String] = []
        for index in 0..<16_000 {
            machines.append(
                #"{"id": "M\#(index)", "name": "Machine \#(index)", "line": "line-a", "formerIds": ["OLD-\#(index)"], "tasks": [{"id": "t", "kind": "inspection", "title": "Look", "every": "7d"}]}"#
            )
        }
        try """
        {"site": {"name": "Big plant", "timezone": "Europe/Berlin"}, "lines": [{"id": "line-a", "name": "A"}],
         "equipment": [\(machines.joined(separator: ",\n"))]}
        """.write(toFile: daemon.config, atomically: true, encoding: .utf8)
        nonisolated(unsafe) let reloader = try daemon.client()
        try reloader.sendRaw(Array(#"{"method":"io.maintd.Maintenance.Reload"}"#.utf8) + [0])
        let finished = Mutex<JSONLiteral?>(nil)
        Thread.detachNewThread {
            let reply = (try? reloader.receive()) ?? .null
            finished.withLock { $0 = reply }
        }
        let client = try daemon.client()
        // Work recorded while the reload is worked out (the reload starts again from the changed plant) and while
        // its records are written (the completion waits for them, and comes after them in the chain).
        let technician = try daemon.client()
        _ = try technician.call(
            MaintenanceInterface.completeTask, CompleteTaskParameters(equipment: "E1", task: "grease"))
        var recordedOnNewMachine: Int64?
        var answeredDuringReload = 0
        var slowest = 0.0
        let deadline = Date().addingTimeInterval(120)
        while finished.withLock({ $0 == nil }) && Date() < deadline {
            let started = Date()
            _ = try client.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)
            slowest = max(slowest, Date().timeIntervalSince(started))
            if finished.withLock({ $0 == nil }) { answeredDuringReload += 1 }
            if recordedOnNewMachine == nil {
                recordedOnNewMachine = try? technician.call(
                    MaintenanceInterface.completeTask, CompleteTaskParameters(equipment: "M5", task: "t")
                ).record.id
            }
            usleep(20_000)
        }
        let reply = try #require(finished.withLock { $0 })
        #expect(reply["error"] == nil, "\(reply)")
        #expect(answeredDuringReload >= 3, "only \(answeredDuringReload) requests were served during the reload")
        // Reading and validating (32 s before), working out the new plant and writing its 32,000 records (which held
        // the queue for 2.6 s in a release build, 11 s in a debug one) all happen off the queue now. The bound is
        // loose for a shared machine and a debug build; by hand, the release build's slowest answer is 5-25 ms.
        #expect(slowest < 1.0, "a request waited \(slowest) s during the reload")
        #expect(try daemon.status().tasks == 16_000)
        if recordedOnNewMachine == nil {
            recordedOnNewMachine =
                try technician.call(
                    MaintenanceInterface.completeTask, CompleteTaskParameters(equipment: "M5", task: "t")
                ).record.id
        }
        // The reload's records (its 16,000 first sightings in one, its announcements in another) came first; the
        // machine's history shows its first sighting before the work on it; the chain verifies, with the checkpoints.
        let history = try client.call(
            MaintenanceInterface.history, HistoryParameters(equipment: "M5", task: "t", kind: "first-seen,completion"))
        let sighting = try #require(history.records.first { $0.kind == "first-seen" })
        #expect(sighting.summary == "16000 tasks first seen together", "\(sighting)")
        #expect((recordedOnNewMachine ?? 0) > sighting.id)
        #expect(history.records.contains { $0.kind == "completion" && $0.id == recordedOnNewMachine })
        daemon.stop()
        let verified = try Binaries.run(
            Binaries.maintd, ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--verify-history"])
        #expect(verified.status == 0 && verified.stdout.contains("history OK"), "\(verified.stdout)\(verified.stderr)")
        // The reply sums the change up instead of naming 32,000 ids.
        let summary = try #require(reply["parameters"]?["summary"]?.stringValue)
        #expect(summary.contains("M9/t and 31980 more; removed E1"), "\(summary.prefix(300))")
    }

    /// The chain is keyed with a secret outside the database; maintd never starts a new key over a keyed history.
    @Test func theHistoryIsKeyedAndALostKeyIsNeverReplacedSilently() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        #expect(
            try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath]).status == 0)
        daemon.stop()
        let key = daemon.stateDirectory + "/history.key"
        let mode = (try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        // The configuration in use is in the history in full.
        let revision = try Binaries.run(
            "/usr/bin/sqlite3",
            [daemon.stateDirectory + "/history.sqlite", "SELECT payload FROM records WHERE kind = 'config-revision';"])
        #expect(revision.stdout.contains("Test plant") && revision.stdout.contains("\"sources\""), "\(revision)")
        let verify = try Binaries.run(
            Binaries.maintd, ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--verify-history"])
        #expect(verify.status == 0 && verify.stdout.contains("keyed (HMAC-SHA256) from record 1 on"), "\(verify)")
        try FileManager.default.moveItem(atPath: key, toPath: key + ".elsewhere")
        let refused = try Binaries.run(
            Binaries.maintd,
            ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--socket", daemon.socketPath])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("history.key is missing, but the history was kept with it"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: key))
    }

    /// The journal's checkpoints anchor the history: deleting the newest records (no chain to recompute) or the whole
    /// database is named by --verify-history, and an empty history where the journal saw one is refused at start.
    @Test func journalCheckpointsNameATruncatedOrReplacedHistory() throws {
        try Journald.ensureRunning()
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        for _ in 0..<3 {
            #expect(
                try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath]).status == 0)
        }
        daemon.stop()
        let arguments = ["--config", daemon.config, "--state-dir", daemon.stateDirectory]
        func verify() throws -> Binaries.Result {
            // The newest checkpoint reaches the journal shortly after the stop.
            var result = try Binaries.run(Binaries.maintd, arguments + ["--verify-history"])
            let deadline = Date().addingTimeInterval(10)
            while result.status == 0 && !result.stdout.contains("journal checkpoints agree") && Date() < deadline {
                usleep(200_000)
                result = try Binaries.run(Binaries.maintd, arguments + ["--verify-history"])
            }
            return result
        }
        let intact = try verify()
        #expect(intact.status == 0 && intact.stdout.contains("journal checkpoints agree"), "\(intact)")

        // Deleting the newest records leaves a chain that verifies by itself: only the journal tells.
        let database = daemon.stateDirectory + "/history.sqlite"
        let deleted = try Binaries.run(
            "/usr/bin/sqlite3",
            [database, "DROP TRIGGER records_are_never_deleted; DELETE FROM records WHERE id > 2; SELECT changes();"])
        #expect(deleted.status == 0, "\(deleted.stderr)")
        let truncated = try Binaries.run(Binaries.maintd, arguments + ["--verify-history"])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.contains("the history was truncated or rolled back"), "\(truncated)")

        // A history deleted whole is not a first start.
        for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
        let refused = try Binaries.run(Binaries.maintd, arguments + ["--socket", daemon.socketPath])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is empty, but the journal shows it held"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--new-history"))
        // Unless a new one is intended.
        let fresh = try ChildProcess(
            Binaries.maintd, arguments + ["--socket", daemon.socketPath, "--new-history"], environment: [:],
            log: daemon.directory.appendingPathComponent("fresh.log").path)
        defer {
            kill(fresh.processIdentifier, SIGTERM)
            fresh.waitUntilExit()
        }
        var answered = false
        let deadline = Date().addingTimeInterval(20)
        while !answered && Date() < deadline && fresh.isRunning {
            answered = (try? daemon.status()) != nil
            if !answered { usleep(100_000) }
        }
        #expect(answered)
    }

    /// A connection that sends nothing is closed after the idle timeout; one following a Watch is not idle.
    @Test func idleConnectionsAreClosedButWatchersStay() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start(extraArguments: ["--idle-timeout", "1"])
        try daemon.waitUntilReady()
        defer { daemon.stop() }
        let idle = try daemon.client()
        let watcher = try daemon.client()
        try watcher.sendRaw(Array(#"{"method":"io.maintd.Maintenance.Watch","more":true}"#.utf8) + [0])
        #expect(try watcher.receive()["parameters"]?["event"]?["kind"] == .string("watching"))
        sleep(3)
        #expect(throws: (any Error).self) {
            _ = try idle.call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self)
        }
        #expect(
            try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath]).status == 0)
        #expect(try watcher.receive()["parameters"]?["event"]?["kind"] == .string("completed"))
    }

    /// The key may come as a systemd credential (`LoadCredential=history-key:…`): used as given, never created.
    @Test func theHistoryKeyMayBeASystemdCredential() throws {
        let daemon = try Daemon(config: testPlant(Self.tasks))
        let credentials = daemon.directory.appendingPathComponent("credentials")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        try "maintd history key 1\nkeyed-from 1\n\(String(repeating: "ab", count: 32))\n".write(
            to: credentials.appendingPathComponent("history-key"), atomically: true, encoding: .utf8)
        let environment = ["CREDENTIALS_DIRECTORY": credentials.path]
        try daemon.start(extraEnvironment: environment)
        try daemon.waitUntilReady()
        #expect(
            try Binaries.run(Binaries.maintctl, ["done", "E1/grease", "--socket", daemon.socketPath]).status == 0)
        daemon.stop()
        #expect(!FileManager.default.fileExists(atPath: daemon.stateDirectory + "/history.key"))
        let withKey = try Binaries.run(
            "/usr/bin/env",
            [
                "CREDENTIALS_DIRECTORY=\(credentials.path)", Binaries.maintd, "--config", daemon.config, "--state-dir",
                daemon.stateDirectory, "--verify-history",
            ])
        #expect(withKey.status == 0 && withKey.stdout.contains("keyed (HMAC-SHA256) from record 1 on"), "\(withKey)")
        // Without the key, the keyed records do not verify.
        let without = try Binaries.run(
            Binaries.maintd, ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--verify-history"])
        #expect(without.status == 1)
    }
}
