import Foundation
import MaintenanceCore
import Testing

/// Follow-up work: a failed step, a failed completion or an as-found finding opens corrective work on the machine,
/// due at once and overdue after the task's followUpWithin, until it is done or skipped; a restart finds it again.
struct FollowUpTests {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
          "equipment": [
            {"id": "P1", "name": "Press", "tasks": [
              {"id": "service", "kind": "inspection", "title": "Weekly service", "every": "7d",
               "lastDone": "2026-11-16T06:00", "followUpWithin": "4h",
               "steps": [{"id": "guard", "text": "Light curtain stops the ram"}]},
              {"id": "gauge", "kind": "calibration", "title": "Gauge", "every": "1 year", "lastDone": "2025-11-25",
               "readings": [{"id": "as-found", "unit": "bar", "min": 9.9, "max": 10.1, "stage": "as-found"},
                            {"id": "as-left", "unit": "bar", "min": 9.9, "max": 10.1}]}]}
          ]
        }
        """
    static let alice = Requester(user: "alice", uid: 1001, groups: ["shopfloor"])
    static let lena = Requester(user: "lena", uid: 1003, groups: ["shift-leads"])
    let now = at("2026-11-24T08:00:00Z")
    var plant: Plant
    var records: [StoredRecord] = []

    init() throws {
        plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
        records = plant.start(now: at("2026-11-20T00:00:00Z")).records.map { $0.stored(previousHash: "", hash: "") }
    }

    @discardableResult
    mutating func run(
        _ command: MaintenanceCommand, as who: Requester = Self.alice, at time: Date? = nil
    ) throws
        -> Outcome
    {
        let outcome = try plant.execute(command, by: who, now: time ?? now)
        records += outcome.records.map { $0.stored(previousHash: "", hash: "") }
        return outcome
    }

    func service(_ steps: [String: String], nc: String? = nil) -> MaintenanceCommand {
        .complete(
            CompletionRequest(
                task: TaskReference(equipment: "P1", task: "service"), steps: steps, nonConformance: nc))
    }

    @Test mutating func aFailedStepOpensCorrectiveWorkUntilItIsDone() throws {
        let outcome = try run(service(["guard": "fail"], nc: "NC-2026-0042"))
        let record = try #require(outcome.answer?.record)
        let key = TaskKey(equipment: "P1", task: "follow-up-\(record)")
        let status = try #require(plant.statuses[key])
        #expect(status.state == .due && status.dueAt == now)
        #expect(status.overdueAt == at("2026-11-24T12:00:00Z"))
        let task = try #require(plant.configuration.equipment("P1")?.task(key.task))
        #expect(task.kind == .corrective && task.followUpOf == record)
        #expect(task.title.contains("failed steps: guard") && task.instructions?.contains("NC-2026-0042") == true)
        let opened = try #require(outcome.events.first { $0.kind == .followUpOpened })
        #expect(opened.details["nc"] == "NC-2026-0042" && opened.details["reason"] == "failed steps: guard")

        // A restart finds it again from the records.
        let restarted = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: records,
            daemon: .daemon(uid: 0))
        #expect(restarted.followUps[record]?.reason == "failed steps: guard")
        #expect(restarted.configuration.equipment("P1")?.task(key.task) != nil)

        // Done: it leaves the schedule, and stays closed after a restart.
        try run(.complete(CompletionRequest(task: TaskReference(equipment: "P1", task: key.task))))
        #expect(plant.statuses[key] == nil && plant.followUps.isEmpty)
        #expect(plant.configuration.equipment("P1")?.task(key.task) == nil)
        let again = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: records,
            daemon: .daemon(uid: 0))
        #expect(again.followUps.isEmpty && again.configuration.equipment("P1")?.task(key.task) == nil)
    }

    @Test mutating func aFindingOpensOneAndAPassDoesNot() throws {
        try run(service(["guard": "pass"]))
        #expect(plant.followUps.isEmpty)
        let finding = try run(
            .complete(
                CompletionRequest(
                    task: TaskReference(equipment: "P1", task: "gauge"),
                    readings: ["as-found": .number(10.4), "as-left": .number(10.0)])))
        let record = try #require(finding.answer?.record)
        #expect(plant.followUps[record]?.reason == "finding (as found): as-found")
        // Corrective work that fails stays open and opens no other.
        let key = "follow-up-\(record)"
        try run(.complete(CompletionRequest(task: TaskReference(equipment: "P1", task: key), result: "fail")))
        #expect(plant.followUps.count == 1 && plant.statuses[TaskKey(equipment: "P1", task: key)] != nil)
        // A lead may skip it, with a reason: closed.
        try run(.skip(TaskReference(equipment: "P1", task: key), reason: "adjusted at the bench"), as: Self.lena)
        #expect(plant.followUps.isEmpty)
    }

    @Test mutating func aReloadKeepsOpenFollowUps() throws {
        let record = try #require(try run(service([:]).failing).answer?.record)
        let outcome = plant.reload(
            try loadConfiguration(Self.text), contentHash: "test-2", requestedBy: "lena", now: now)
        #expect(plant.followUps[record] != nil)
        #expect(plant.statuses[TaskKey(equipment: "P1", task: "follow-up-\(record)")] != nil)
        #expect(!outcome.events.contains { $0.kind == .tasksRemoved })
    }
}

extension MaintenanceCommand {
    /// The same completion, recorded as failed.
    var failing: MaintenanceCommand {
        guard case .complete(var request) = self else { return self }
        request.result = "fail"
        return .complete(request)
    }
}
