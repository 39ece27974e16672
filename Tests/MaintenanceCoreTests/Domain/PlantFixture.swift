import Foundation
import MaintenanceCore

/// A small plant for the domain tests: a torque wrench with a calibration (as-found and as-left readings and a
/// check), a press with a weekly safety check that must not be deferred, a monthly greasing that may be deferred by
/// at most 3 days, and a run-hours meter with a 250 h service. Site time is Europe/Berlin (CET, UTC+1, in winter).
enum PlantFixture {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
          "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
          "lines": [{"id": "line-a", "name": "Line A"}],
          "equipment": [
            {"id": "TW-04", "name": "Torque wrench", "line": "line-a", "commissioned": "2025-01-15",
             "formerIds": ["TW-4"],
             "tasks": [{"id": "calibration", "kind": "calibration", "title": "Calibrate", "every": "1 year",
                        "anchor": "schedule", "lastDone": "2025-11-20T06:00", "leadTime": "14d", "tolerance": "7d",
                        "formerIds": ["cal"],
                        "readings": [
                          {"id": "as-found", "unit": "N·m", "min": 115.2, "max": 124.8, "stage": "as-found"},
                          {"id": "as-left", "unit": "N·m", "min": 115.2, "max": 124.8},
                          {"id": "seal", "type": "check", "label": "Seal intact"},
                          {"id": "temperature", "unit": "°C", "required": false}
                        ]}]},
            {"id": "P1", "name": "Press", "line": "line-a", "commissioned": "2025-01-15",
             "meters": [{"id": "run-hours", "unit": "h"}],
             "tasks": [
               {"id": "guard", "kind": "inspection", "title": "Light curtain", "every": "7d", "anchor": "schedule",
                "lastDone": "2026-11-02T06:00", "leadTime": "1d", "tolerance": "1d", "deferrable": false},
               {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "1 month", "anchor": "schedule",
                "lastDone": "2026-10-31T06:00", "leadTime": "2d", "tolerance": "2d", "maxDeferral": "3d"},
               {"id": "service", "kind": "replacement", "title": "Oil", "meter": {"id": "run-hours", "every": 250,
                "lastDoneValue": 1000}, "tolerance": "10%"}
             ]}
          ]
        }
        """

    static var configuration: Configuration { try! loadConfiguration(text) }

    static let alice = Requester(user: "alice", uid: 1001, groups: ["shopfloor"])
    static let bob = Requester(user: "bob", uid: 1002, groups: ["shopfloor"])
    static let lena = Requester(user: "lena", uid: 1003, groups: ["shopfloor", "shift-leads"])

    static let calibration = TaskReference(equipment: "TW-04", task: "calibration")
    static let guardCheck = TaskReference(equipment: "P1", task: "guard")
    static let grease = TaskReference(equipment: "P1", task: "grease")

    /// A plant started at `now` with no history, and the records its start made.
    static func started(at now: Date) -> (Plant, [StoredRecord]) {
        var plant = Plant(
            configuration: configuration, contentHash: "test", records: [], daemon: .daemon(uid: 0))
        let outcome = plant.start(now: now)
        return (plant, stored(outcome.records))
    }

    /// Drafts as the store would return them (the chain is not what these tests look at).
    static func stored(_ drafts: [RecordDraft]) -> [StoredRecord] {
        drafts.map { $0.stored(previousHash: "", hash: "\($0.id)") }
    }

    /// The readings of a passing calibration.
    static let good: [String: ReadingValue] = [
        "as-found": .number(120.3), "as-left": .number(120.1), "seal": .check(true),
    ]
}

/// A test that drives a plant: commands run at `now` and their records kept, refusals caught.
protocol PlantDriving {
    var now: Date { get }
    var plant: Plant { get set }
    var records: [StoredRecord] { get set }
}

extension PlantDriving {

    /// Executes a command as `who` at `time` (default: now), keeping what it appended.
    @discardableResult
    mutating func run(
        _ command: MaintenanceCommand, as who: Requester = PlantFixture.alice, at time: Date? = nil
    ) throws(MaintenanceRefusal) -> Outcome {
        let outcome = try plant.execute(command, by: who, now: time ?? now)
        records += PlantFixture.stored(outcome.records)
        return outcome
    }

    func refusal(_ body: () throws(MaintenanceRefusal) -> Void) -> MaintenanceRefusal? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }
}
