import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Testing

/// maintd run the way systemd runs it, against a real journald, read back with `journalctl -o json`.
@Suite(.serialized)
struct DaemonServiceTests {
    init() throws {
        try Journald.ensureRunning()
    }

    /// A task due `dueIn` seconds from now (every 30 s), upcoming `lead` seconds before, overdue `tolerance` after.
    /// (Every 30 s, or longer for tasks due later: a lastDone in the future is a configuration error.)
    static func timedTask(dueIn: Int, lead: Int = 2, tolerance: Int = 2, every: Int? = nil) -> (String, Date) {
        let every = every ?? max(30, dueIn + 30)
        let now = Date().timeIntervalSince1970.rounded(.down)
        let lastDone = Date(timeIntervalSince1970: now + Double(dueIn - every))
        let task = """
            {"id": "t", "kind": "calibration", "title": "Check torque", "every": "\(every)s",
             "lastDone": "\(Timestamp.rfc3339(lastDone))", "leadTime": "\(lead)s", "tolerance": "\(tolerance)s"}
            """
        return (task, lastDone.addingTimeInterval(Double(every)))
    }

    @Test func tellsSystemdReadyStatusReloadingAndStopping() throws {
        let daemon = try Daemon(config: testPlant(Self.timedTask(dueIn: 3600).0))
        try daemon.startActivated()
        try daemon.waitUntilReady()
        let ready = try #require(daemon.notify.wait(for: "READY=1"))
        #expect(ready.message.contains("STATUS=1 tasks"))
        let before = daemon.notify.messages.count
        daemon.signal(SIGHUP)
        let reloading = try #require(daemon.notify.wait(for: "RELOADING=1", after: before))
        #expect(reloading.message.contains("MONOTONIC_USEC="))
        #expect(daemon.notify.wait(for: "READY=1", after: before) != nil)
        #expect(daemon.stop() == 0)
        #expect(daemon.notify.wait(for: "STOPPING=1") != nil)
    }

    /// Regression: a SIGTERM in the moment after READY=1 was lost while the service group installed its handlers.
    @Test func aStopRequestRightAfterReadyIsHonoured() throws {
        let daemon = try Daemon(config: testPlant(Self.timedTask(dueIn: 3600).0))
        try daemon.start()
        while !daemon.notify.messages.contains(where: { $0.message.contains("READY=1") }) { usleep(500) }
        #expect(daemon.stop() == 0)
    }

    @Test func sendsWatchdogPingsWhenTheUnitAsksForThem() throws {
        let daemon = try Daemon(config: testPlant(Self.timedTask(dueIn: 3600).0))
        try daemon.startActivated(watchdog: 1_000_000)
        try daemon.waitUntilReady()
        #expect(daemon.notify.wait(for: "WATCHDOG=1", timeout: 3) != nil)
        daemon.stop()
    }

    @Test func upcomingDueAndOverdueAreJournaledAtTheRightMomentsWithNoWakeupInBetween() throws {
        let (task, due) = Self.timedTask(dueIn: 5)
        let daemon = try Daemon(config: testPlant(task))
        try daemon.startActivated()
        try daemon.waitUntilReady()
        let events = try Journald.events(pids: [daemon.pid], waitingFor: 4, timeout: 15)
            .filter { $0["MAINT_TASK"] == "t" }
        #expect(events.map { $0["MAINT_EVENT"] } == ["upcoming", "due", "overdue"])
        let expected: [(String, Date, String, String)] = [
            ("acc5c2e378db40779b7b3e585a286fa4", due.addingTimeInterval(-2), "6", "upcoming"),
            ("520e420e85cb4dd6a65f597abdff69c6", due, "5", "due"),
            ("e9028aac49f74b6bb2b6720fec6ccce7", due.addingTimeInterval(2), "4", "overdue"),
        ]
        for (event, (messageID, instant, priority, state)) in zip(events, expected) {
            #expect(event["MESSAGE_ID"] == messageID)
            #expect(event["PRIORITY"] == priority)
            #expect(event["MAINT_STATE"] == state)
            #expect(
                event["MAINT_EQUIPMENT"] == "E1" && event["MAINT_LINE"] == "line-b"
                    && event["MAINT_KIND"] == "calibration")
            #expect(event["MAINT_DUE"] == Timestamp.rfc3339(due))
            #expect(event["CODE_FILE"] != nil && event["CODE_LINE"] != nil && event["CODE_FUNC"] != nil)
            let logged = Double(event["__REALTIME_TIMESTAMP"]!)! / 1_000_000
            let lateness = logged - instant.timeIntervalSince1970
            #expect(lateness >= 0 && lateness < 1, "\(state) logged \(lateness) s after its instant")
        }
        #expect(events.last?["MESSAGE"]?.hasPrefix("Calibration of Press E1 is overdue since") == true)
        // One wake-up per change, none in between.
        #expect(try daemon.status().timerWakeups == 3)
        // A lead filters what is overdue on line B.
        let warnings = try Binaries.run(
            "/usr/bin/journalctl",
            ["--no-pager", "-o", "cat", "-p", "warning", "MAINT_LINE=line-b", "_PID=\(daemon.pid)"])
        #expect(warnings.stdout.contains("is overdue since"))
        daemon.stop()
    }

    @Test func aRestartNeitherRepeatsNorDropsAnnouncements() throws {
        let (task, due) = Self.timedTask(dueIn: 4, lead: 3, tolerance: 60)
        let daemon = try Daemon(config: testPlant(task))
        try daemon.start()
        try daemon.waitUntilReady()
        let firstPid = daemon.pid
        _ = try Journald.events(pids: [firstPid], waitingFor: 2)  // started, upcoming
        daemon.stop()
        // The task falls due while maintd is stopped.
        Thread.sleep(until: due.addingTimeInterval(0.5))
        try daemon.start()
        try daemon.waitUntilReady(count: 2)
        let secondPid = daemon.pid
        daemon.stop()
        // And a restart right away announces nothing again.
        try daemon.start()
        try daemon.waitUntilReady(count: 3)
        let thirdPid = daemon.pid
        daemon.stop()
        let events = try Journald.events(pids: [firstPid, secondPid, thirdPid]).filter { $0["MAINT_TASK"] == "t" }
        #expect(events.map { $0["MAINT_EVENT"] } == ["upcoming", "due"])
        #expect(events.last?["MAINT_CATCHUP"] == "1")
        #expect(events.last?["_PID"] == String(secondPid))
    }

    /// A first start that announces more tasks at once than the log's backlog holds (12,000 overdue tasks, against
    /// 10,000 entries) journals every one of them: announcements made together are written in turn, never dropped
    /// as a backlog of their own making.
    @Test func aLargeCatchUpIsJournaledWhole() throws {
        try Journald.ensureRunning()
        let machines = (1...1_200).map { machine in
            let tasks = (1...10).map { task in
                #"{"id": "t\#(task)", "kind": "inspection", "title": "Inspect \#(task)", "every": "7d", "#
                    + #""lastDone": "2025-01-06"}"#
            }
            let list = tasks.joined(separator: ",")
            return #",{"id": "M\#(machine)", "name": "Machine \#(machine)", "line": "line-a", "tasks": [\#(list)]}"#
        }
        let daemon = try Daemon(config: testPlant("", extraEquipment: machines.joined()))
        try daemon.start()
        try daemon.waitUntilReady(timeout: 60)
        let expected = Set((1...1_200).flatMap { machine in (1...10).map { "M\(machine)/t\($0)" } })
        var announced: Set<String> = []
        let deadline = Date().addingTimeInterval(60)
        while announced.count < expected.count && Date() < deadline {
            usleep(500_000)
            announced = Set(
                try Journald.entries(["_PID=\(daemon.pid)", "MAINT_CATCHUP=1"]).compactMap { entry in
                    entry["MAINT_EQUIPMENT"].flatMap { equipment in entry["MAINT_TASK"].map { "\(equipment)/\($0)" } }
                })
        }
        let dropped = try Journald.entries(["_PID=\(daemon.pid)", "PRIORITY=4"]).compactMap(\.["MESSAGE"])
            .filter { $0.contains("were dropped") }
        daemon.stop()
        let missing = expected.subtracting(announced)
        #expect(missing.isEmpty, "\(missing.count) tasks not journaled, among them \(missing.sorted().prefix(3))")
        #expect(announced.isSubset(of: expected))
        #expect(dropped.isEmpty, "\(dropped.count) entries say some were dropped, the first: \(dropped.first ?? "")")
    }

    @Test func aBrokenConfigurationOnReloadKeepsTheOldOneRunning() throws {
        let (task, _) = Self.timedTask(dueIn: 3600)
        let daemon = try Daemon(config: testPlant(task))
        try daemon.start()
        try daemon.waitUntilReady()
        try testPlant(task.replacingOccurrences(of: "\"every\"", with: "\"evrey\""))
            .write(toFile: daemon.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        try daemon.waitUntilReady(count: 2)
        let status = try daemon.status()
        #expect(status.tasks == 1)
        #expect(status.rejectedReload?.contains("configuration rejected (2 errors)") == true)
        #expect(daemon.notify.messages.last?.message.contains("running the previous one") == true)
        let entries = try Journald.events(pids: [daemon.pid], waitingFor: 2)
        let rejected = try #require(entries.first { $0["MAINT_EVENT"] == "config-rejected" })
        #expect(rejected["PRIORITY"] == "3")
        #expect(rejected["MESSAGE_ID"] == "13fd538cb0f1410c88bb5a11908c75dc")
        let errors = try Journald.entries(["_PID=\(daemon.pid)", "PRIORITY=3"]).compactMap { $0["MAINT_CONFIG_PATH"] }
        #expect(errors.contains("equipment[0].tasks[0].evrey"))
        // Fixed, with one more task: switches atomically and says what changed.
        try testPlant(task + "," + task.replacingOccurrences(of: "\"id\": \"t\"", with: "\"id\": \"u\""))
            .write(toFile: daemon.config, atomically: true, encoding: .utf8)
        daemon.signal(SIGHUP)
        try daemon.waitUntilReady(count: 3)
        #expect(try daemon.status().tasks == 2)
        let reloaded = try Journald.events(pids: [daemon.pid], waitingFor: 3).first {
            $0["MAINT_EVENT"] == "config-reloaded"
        }
        #expect(reloaded?["MAINT_ADDED"] == "E1/u")
        daemon.stop()
    }

    @Test func aTzdataUpdateOfTheSiteZoneIsNoticed() throws {
        // A private zone, so the test can "update" it like a tzdata package would: by renaming a new file over it.
        let directory = "/usr/share/zoneinfo/MaintdTest-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.copyItem(atPath: "/usr/share/zoneinfo/Europe/Berlin", toPath: directory + "/Site")
        let zone = (directory as NSString).lastPathComponent + "/Site"
        let daemon = try Daemon(
            config: testPlant(Self.timedTask(dueIn: 3600).0).replacingOccurrences(of: "Europe/Berlin", with: zone))
        try daemon.start()
        try daemon.waitUntilReady()
        try FileManager.default.copyItem(atPath: "/usr/share/zoneinfo/Asia/Tokyo", toPath: directory + "/Site.new")
        rename(directory + "/Site.new", directory + "/Site")
        try daemon.waitUntilReady(count: 2)
        let reloaded = try Journald.events(pids: [daemon.pid], waitingFor: 2).first {
            $0["MAINT_EVENT"] == "config-reloaded"
        }
        #expect(reloaded?["MAINT_REQUESTED_BY"] == "tzdata change")
        daemon.stop()
    }

    @Test func killDashNineDuringAStreamOfWritesLosesNothingAcknowledged() throws {
        let daemon = try Daemon(config: testPlant("", meters: #"{"id": "count", "unit": "cycles"}"#))
        var acknowledged: [Double] = []
        var next = 1.0
        for round in 0..<6 {
            try daemon.start()
            try daemon.waitUntilReady(count: round + 1)
            let stop = Date().addingTimeInterval(Double.random(in: 0.2...0.6))
            let writer = try daemon.client()
            let killer = Thread {
                Thread.sleep(until: stop); daemon.crash()
            }
            killer.start()
            while true {
                do {
                    _ = try writer.call(
                        "io.maintd.Maintenance.RecordMeter",
                        RecordMeterParameters(equipment: "E1", meter: "count", value: next), as: RecordReply.self)
                    acknowledged.append(next)
                    next += 1
                } catch {
                    break  // killed mid-stream: this write was not acknowledged
                }
            }
            while daemon.process?.isRunning == true { usleep(10_000) }
            next += 1  // a value possibly stored but not acknowledged is never reused
        }
        #expect(acknowledged.count > 20)
        try daemon.start()
        let client = try daemon.waitUntilReady(count: 7)
        let stored = try client.call(
            "io.maintd.Maintenance.History", HistoryParameters(kind: "meter-reading", limit: 10_000),
            as: HistoryReply.self
        ).records.compactMap(\.value)
        #expect(
            Set(acknowledged).isSubset(of: Set(stored)),
            "missing: \(Set(acknowledged).subtracting(stored).sorted().prefix(10))")
        daemon.stop()
        let verify = try Binaries.run(Binaries.maintd, ["--verify-history", "--state-dir", daemon.stateDirectory])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("history OK"))
    }

    @Test func historyVerificationFindsAnEditedRow() throws {
        let daemon = try Daemon(config: testPlant("", meters: #"{"id": "count", "unit": "cycles"}"#))
        try daemon.start()
        let client = try daemon.waitUntilReady()
        for value in 1...5 {
            _ = try client.call(
                "io.maintd.Maintenance.RecordMeter",
                RecordMeterParameters(equipment: "E1", meter: "count", value: Double(value)), as: RecordReply.self)
        }
        daemon.stop()
        #expect(
            try Binaries.run(Binaries.maintd, ["--verify-history", "--state-dir", daemon.stateDirectory]).status == 0)
        let database = daemon.stateDirectory + "/history.sqlite"
        let edited = try Binaries.run(
            "/usr/bin/sqlite3",
            [
                database,
                """
                DROP TRIGGER records_are_never_updated;
                UPDATE records SET payload = replace(payload, '"value":3}', '"value":30}') WHERE payload LIKE '%"value":3}';
                SELECT changes();
                """,
            ])
        #expect(edited.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let verify = try Binaries.run(Binaries.maintd, ["--verify-history", "--state-dir", daemon.stateDirectory])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("was altered: its contents do not match its keyed hash (HMAC"))
    }

    @Test func theCatalogExplainsEveryMessageID() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-catalog-\(UUID())")
        let catalogs = root.appendingPathComponent("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(at: catalogs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(
            at: Binaries.root.appendingPathComponent("systemd/maintd.catalog"),
            to: catalogs.appendingPathComponent("maintd.catalog"))
        #expect(try Binaries.run("/usr/bin/journalctl", ["--root=\(root.path)", "--update-catalog"]).status == 0)
        let listed = try Binaries.run("/usr/bin/journalctl", ["--root=\(root.path)", "--list-catalog"]).stdout
        for kind in MaintenanceEventKind.allCases {
            #expect(listed.contains("\(kind.messageID) maintd:"), "no catalog entry for \(kind)")
        }
    }

    @Test func theUnitsVerifyAndTheServiceIsHardened() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-units-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for unit in ["maintd.service", "maintd.socket"] {
            let text = try String(contentsOf: Binaries.root.appendingPathComponent("systemd/\(unit)"), encoding: .utf8)
                .replacingOccurrences(of: "/usr/local/bin/maintd", with: Binaries.maintd)
            try text.write(to: directory.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let service = directory.appendingPathComponent("maintd.service").path
        let socket = directory.appendingPathComponent("maintd.socket").path
        let verify = try Binaries.run("/usr/bin/systemd-analyze", ["verify", "--man=no", socket, service])
        #expect(verify.status == 0, "\(verify.stderr)")
        let security = try Binaries.run(
            "/usr/bin/systemd-analyze", ["security", "--offline=true", "--no-pager", service])
        let line = security.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }
        let score = line.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
        #expect(score != nil && score! <= 1.0, "\(security.stdout.suffix(400))")
    }
}
