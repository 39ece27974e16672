import Foundation
import MaintenanceCore
import Testing

/// The machine gate: equipment may not run while a task marked blocksOperation is overdue or awaits a retest after
/// a failed completion, nor while it is out of service; other tasks never block it.
struct OperatingVerdictTests {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
          "equipment": [
            {"id": "P1", "name": "Press", "tasks": [
              {"id": "curtain", "kind": "inspection", "title": "Light curtain", "every": "7d", "tolerance": "1d",
               "lastDone": "2026-11-16T06:00", "blocksOperation": true},
              {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "tolerance": "1d",
               "lastDone": "2026-11-01T06:00"},
              {"id": "gauge", "kind": "calibration", "title": "Gauge", "every": "1 year", "lastDone": "2026-06-01",
               "blocksOperation": true,
               "readings": [{"id": "as-left", "unit": "bar", "min": 9.9, "max": 10.1}]}]},
            {"id": "P2", "name": "Spare press", "inService": false, "tasks": [
              {"id": "curtain", "kind": "inspection", "title": "Light curtain", "every": "7d",
               "lastDone": "2026-11-20T06:00"}]}
          ]
        }
        """
    static let alice = Requester(user: "alice", uid: 1001, groups: ["shopfloor"])
    static let lena = Requester(user: "lena", uid: 1003, groups: ["shift-leads"])
    var plant: Plant

    init() throws {
        plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
    }

    static let curtain = TaskKey(equipment: "P1", task: "curtain")
    static let gauge = TaskKey(equipment: "P1", task: "gauge")

    @Test mutating func mayRunWhileBlockingTasksAreOnlyDueAndOtherTasksAreOverdue() throws {
        // The curtain check is due 2026-11-23T06:00, overdue a day later; the grease has been overdue since the 9th.
        _ = plant.start(now: at("2026-11-23T12:00:00Z"))
        #expect(plant.statuses[Self.curtain]?.state == .due)
        #expect(plant.statuses[TaskKey(equipment: "P1", task: "grease")]?.state == .overdue)
        let verdict = try #require(plant.operatingVerdict(equipment: "P1"))
        #expect(verdict.mayOperate && verdict.reasons.isEmpty)
        #expect(verdict.blockingTasks == [Self.curtain, Self.gauge])
    }

    @Test mutating func anOverdueBlockingTaskStopsTheMachineUntilItIsDone() throws {
        _ = plant.start(now: at("2026-11-24T07:00:00Z"))
        let verdict = try #require(plant.operatingVerdict(equipment: "P1"))
        #expect(verdict.reasons == [.overdue(Self.curtain, since: at("2026-11-24T06:00:00Z"))])
        #expect(!verdict.mayOperate)

        _ = try plant.execute(
            .complete(CompletionRequest(task: TaskReference(equipment: "P1", task: "curtain"))), by: Self.alice,
            now: at("2026-11-24T07:10:00Z"))
        #expect(plant.operatingVerdict(equipment: "P1")?.mayOperate == true)
    }

    @Test mutating func aDeferralLetsItRunAndAFailedCalibrationStopsItUntilARetestPasses() throws {
        _ = plant.start(now: at("2026-11-24T07:00:00Z"))
        _ = try plant.execute(
            .deferOccurrence(
                TaskReference(equipment: "P1", task: "curtain"), until: "2026-11-25T06:00", reason: "line cannot stop"),
            by: Self.lena, now: at("2026-11-24T07:05:00Z"))
        #expect(plant.operatingVerdict(equipment: "P1")?.mayOperate == true)

        // A calibration out of limits fails and blocks, even though the gauge is not due for months.
        let failed = try plant.execute(
            .complete(
                CompletionRequest(
                    task: TaskReference(equipment: "P1", task: "gauge"), readings: ["as-left": .number(10.4)])),
            by: Self.alice, now: at("2026-11-24T08:00:00Z"))
        let record = try #require(failed.answer?.record)
        #expect(
            plant.operatingVerdict(equipment: "P1")?.reasons == [
                .failed(Self.gauge, record: record, at: at("2026-11-24T08:00:00Z"))
            ])
        // A passing retest lifts it.
        _ = try plant.execute(
            .complete(
                CompletionRequest(
                    task: TaskReference(equipment: "P1", task: "gauge"), readings: ["as-left": .number(10.0)])),
            by: Self.alice, now: at("2026-11-24T09:00:00Z"))
        #expect(plant.operatingVerdict(equipment: "P1")?.mayOperate == true)
    }

    @Test mutating func outOfServiceEquipmentMayNotRunAndUnknownEquipmentHasNoAnswer() throws {
        _ = plant.start(now: at("2026-11-24T07:00:00Z"))
        #expect(plant.operatingVerdict(equipment: "P2")?.reasons == [.outOfService])
        #expect(plant.operatingVerdict(equipment: "P9") == nil)
    }
}
