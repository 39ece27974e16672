import Foundation
import GRDB
import Logging
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore
import Synchronization
import Testing

@testable import MaintenanceDaemon

/// The request path in-process: the service decodes, authorizes by role, hands the command to the plant, appends
/// what it produced in one transaction and answers. A fake clock and a history in memory; no socket.
struct RequestPathTests {
    static let now = Timestamp.parseRFC3339("2026-11-24T08:00:00Z")!
    static let config = """
        {
          "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
          "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
          "lines": [{"id": "line-a", "name": "Line A"}],
          "equipment": [
            {"id": "P1", "name": "Press", "line": "line-a", "commissioned": "2025-01-15",
             "tasks": [
               {"id": "guard", "kind": "inspection", "title": "Light curtain", "every": "7d", "anchor": "schedule",
                "lastDone": "2026-11-16T06:00", "leadTime": "1d", "tolerance": "2d",
                "readings": [{"id": "stop-time", "unit": "ms", "max": 120}]},
               {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "1 month",
                "lastDone": "2026-10-31T06:00"}
             ]}
          ]
        }
        """

    let service: MaintenanceService
    let store: MaintenanceStore
    let technician = ClientIdentity(uid: 1001, gid: 1001, pid: 1, user: "alice", groups: ["shopfloor"])
    let lead = ClientIdentity(uid: 1003, gid: 1003, pid: 1, user: "lena", groups: ["shift-leads"])

    init() async throws {
        (service, store) = try await Self.serve(Self.config)
    }

    /// A service on `config` with a history in memory, scheduling.
    static func serve(_ config: String) async throws -> (MaintenanceService, MaintenanceStore) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-daemon-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("maintd.json").path
        try config.write(toFile: file, atomically: true, encoding: .utf8)
        let store = try MaintenanceStore(writer: DatabaseQueue())
        let service = try MaintenanceService(
            options: DaemonOptions(config: file, stateDirectory: directory.path, socket: nil),
            logger: Logger(label: "test"), store: store, bindSocket: false, clock: { Self.now })
        await service.beginScheduling()
        return (service, store)
    }

    /// Calls a method as `client` and returns the (first) reply.
    func call(
        _ method: String, _ parameters: [String: JSONLiteral] = [:], as client: ClientIdentity, more: Bool = false
    ) async throws -> JSONLiteral {
        let text = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let answered = Mutex(false)
            service.handle(
                VarlinkCall(method: "io.maintd.Maintenance." + method, parameters: parameters, more: more),
                from: client,
                reply: ReplySink { reply in
                    let first = answered.withLock { done in
                        defer { done = true }
                        return !done
                    }
                    if first { continuation.resume(returning: reply.message) }
                    return true
                })
        }
        return try JSONLiteral(parsing: Array(text.utf8))
    }

    func state(_ task: String) async -> DueState? {
        await service.onQueue { [service] in service.plant.statuses[TaskKey(equipment: "P1", task: task)]?.state }
    }

    @Test func everyDeclaredMethodIsServed() {
        #expect(MethodTable.maintenance().unserved == [])
    }

    @Test func aTechnicianIsRefusedALeadsMethodAndTheErrorNamesTheConfiguredGroup() async throws {
        let reply = try await call(
            "DeferTask",
            [
                "equipment": .string("P1"), "task": .string("grease"), "until": .string("2026-12-02"),
                "reason": .string("r"),
            ],
            as: technician)
        #expect(reply["error"] == .string("io.maintd.Maintenance.PermissionDenied"))
        #expect(reply["parameters"]?["groups"] == .array([.string("shift-leads")]))
        #expect(try store.lastId() == (try store.allRecords().last?.id ?? 0))
    }

    @Test func aCompletionIsDurableInOneTransactionBeforeItIsAnswered() async throws {
        let before = try store.lastId()
        let reply = try await call(
            "CompleteTask",
            ["equipment": .string("P1"), "task": .string("guard"), "readings": .object(["stop-time": .number(95)])],
            as: technician)
        #expect(reply["error"] == nil, "\(reply)")
        let record = try #require(reply["parameters"]?["record"])
        #expect(record["id"] == .number(Double(before + 1)))
        // Due 11-23 06:00 site time (05:00Z), overdue two days later: done on time.
        #expect(record["occurrence"] == .string("2026-11-23T05:00:00Z"))
        #expect(record["onTime"] == .bool(true))
        let stored = try store.allRecords().filter { $0.id > before }
        #expect(stored.first?.kind == .completion)
        #expect(stored.map(\.id) == Array((before + 1)...(before + Int64(stored.count))))
        #expect(await state("guard") == .scheduled)
    }

    /// ListTasks lists the most urgent first (overdue, due, upcoming, then the rest), each state by when its next
    /// change comes, and tasks due at the same moment by equipment and task id, whatever order the configuration has.
    @Test func listTasksPutsTheMostUrgentFirstThenTheEarliestThenById() async throws {
        // Now is Tuesday 2026-11-24 09:00 site time. Every task is done on a 7-day interval from its lastDone.
        func task(_ id: String, _ lastDone: String) -> String {
            #"{"id": "\#(id)", "kind": "inspection", "title": "\#(id)", "every": "7d", "lastDone": "\#(lastDone)", "#
                + #""leadTime": "1d", "tolerance": "1d"}"#
        }
        let config = """
            {
              "site": {"name": "Order", "timezone": "Europe/Berlin"},
              "equipment": [
                {"id": "B2", "name": "B2", "tasks": [
                  \(task("late-2", "2026-11-01T06:00")), \(task("later", "2026-11-20T06:00")),
                  \(task("due", "2026-11-17T06:00"))]},
                {"id": "A1", "name": "A1", "tasks": [
                  \(task("soon", "2026-11-18T06:00")), \(task("later", "2026-11-20T06:00")),
                  \(task("late-1", "2026-11-10T06:00")), \(task("late-3", "2026-11-01T06:00"))]}
              ]
            }
            """
        let (service, _) = try await Self.serve(config)
        let text = await service.onQueue { [service] in
            (try? service.listTasksEncoded(ListTasksParameters(), now: Self.now)) ?? "refused"
        }
        let listed = try JSONDecoder().decode(ListTasksReply.self, from: Data(text.utf8)).tasks
        #expect(
            listed.map { "\($0.equipment)/\($0.task) \($0.state)" } == [
                // Overdue since 11-09 (two of them, by id), then since 11-18.
                "A1/late-3 overdue", "B2/late-2 overdue", "A1/late-1 overdue",
                "B2/due due",
                "A1/soon upcoming",
                // The same moment on two machines: by equipment id.
                "A1/later scheduled", "B2/later scheduled",
            ])
    }

    /// ListTasks puts its reply together from tasks encoded earlier (issue 9): byte for byte what encoding the whole
    /// reply gives, and never a task as it was before a change.
    @Test func listTasksFromEncodedTasksIsExactAndNeverStale() async throws {
        func listed() async -> String {
            await service.onQueue { [service] in
                (try? service.listTasksEncoded(ListTasksParameters(), now: Self.now)) ?? "refused"
            }
        }
        let first = await listed()
        let again = await listed()
        #expect(first == again)
        let decoded = try JSONDecoder().decode(ListTasksReply.self, from: Data(first.utf8))
        #expect(first == VarlinkCoding.encode(decoded))
        #expect(decoded.tasks.first { $0.task == "guard" }?.state == "due")
        let done = try await call(
            "CompleteTask",
            ["equipment": .string("P1"), "task": .string("guard"), "readings": .object(["stop-time": .number(95)])],
            as: technician)
        #expect(done["error"] == nil, "\(done)")
        let after = try JSONDecoder().decode(ListTasksReply.self, from: Data(await listed().utf8))
        #expect(after.tasks.first { $0.task == "guard" }?.state == "scheduled")
        // A reload that renames a task: the configuration's hash changes, and so does what is listed.
        try Self.config.replacingOccurrences(of: "Light curtain", with: "Light curtain, both sides")
            .write(toFile: service.options.configFile, atomically: true, encoding: .utf8)
        let reloaded = try await call("Reload", as: lead)
        #expect(reloaded["error"] == nil, "\(reloaded)")
        let renamed = try JSONDecoder().decode(ListTasksReply.self, from: Data(await listed().utf8))
        #expect(renamed.tasks.first { $0.task == "guard" }?.title == "Light curtain, both sides")
    }

    @Test func aRefusedCommandRecordsNothing() async throws {
        let before = try store.lastId()
        let reply = try await call(
            "CompleteTask",
            [
                "equipment": .string("P1"), "task": .string("guard"), "performedAt": .string("2026-11-25T06:00"),
                "readings": .object(["stop-time": .number(95)]),
            ],
            as: technician)
        #expect(reply["error"] == .string("io.maintd.Maintenance.InvalidParameter"))
        #expect(reply["parameters"]?["parameter"] == .string("performedAt"))
        #expect(try store.lastId() == before)
    }

    @Test func aHistoryThatCannotBeWrittenLeavesThePlantAsItWas() async throws {
        let before = await state("guard")
        store.close()
        let reply = try await call(
            "CompleteTask",
            ["equipment": .string("P1"), "task": .string("guard"), "readings": .object(["stop-time": .number(95)])],
            as: technician)
        #expect(reply["error"] == .string("io.maintd.Maintenance.HistoryUnavailable"))
        #expect(await state("guard") == before)
        #expect(before == .due)
    }

    @Test func unknownIdsAreErrorsInEveryQuery() async throws {
        let history = try await call("History", ["equipment": .string("P1"), "task": .string("nope")], as: technician)
        #expect(history["error"] == .string("io.maintd.Maintenance.NoSuchTask"))
        let equipment = try await call("History", ["equipment": .string("P9")], as: technician)
        #expect(equipment["error"] == .string("io.maintd.Maintenance.NoSuchEquipment"))
        let tasks = try await call("ListTasks", ["equipment": .string("P9")], as: technician)
        #expect(tasks["error"] == .string("io.maintd.Maintenance.NoSuchEquipment"))
    }

    @Test func aStreamingMethodCalledWithoutMoreIsRefused() async throws {
        let reply = try await call("Watch", as: technician)
        #expect(reply["error"] == .string("org.varlink.service.ExpectedMore"))
    }

    @Test func aLeadCancelsADeferralThroughTheInterface() async throws {
        let deferred = try await call(
            "DeferTask",
            [
                "equipment": .string("P1"), "task": .string("grease"), "until": .string("2026-12-03T06:00"),
                "reason": .string("line busy"),
            ],
            as: lead)
        #expect(deferred["parameters"]?["task"]?["state"] == .string("deferred"), "\(deferred)")
        let cancelled = try await call(
            "CancelDeferral", ["equipment": .string("P1"), "task": .string("grease"), "reason": .string("stopped")],
            as: lead)
        #expect(cancelled["parameters"]?["task"]?["state"] == .string("scheduled"), "\(cancelled)")
    }
}
