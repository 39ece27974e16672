import Foundation
import MaintenanceCore
import Testing

/// Checklists: each step answered for its type and kept with its text as it was; a failed step fails the work; a
/// meter step is a meter reading too.
struct ChecklistTests {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "equipment": [
            {"id": "P1", "name": "Press", "meters": [{"id": "run-hours", "unit": "h"}], "tasks": [
              {"id": "service", "kind": "inspection", "title": "Weekly service", "every": "7d",
               "lastDone": "2026-11-16T06:00",
               "steps": [
                 {"id": "guard", "text": "Light curtain stops the ram"},
                 {"id": "pressure", "text": "Hydraulic pressure", "type": "number", "unit": "bar", "min": 5, "max": 7},
                 {"id": "batch", "text": "Grease batch number", "type": "text", "required": false},
                 {"id": "hours", "text": "Run hours on the counter", "type": "meter", "meter": "run-hours"}
               ]}]}
          ]
        }
        """
    static let alice = Requester(user: "alice", uid: 1001, groups: [])
    let now = at("2026-11-24T08:00:00Z")
    var plant: Plant

    init() throws {
        plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
        _ = plant.start(now: at("2026-11-20T00:00:00Z"))
    }

    mutating func complete(_ steps: [String: String], result: String? = nil) throws(MaintenanceRefusal) -> Outcome {
        try plant.execute(
            .complete(
                CompletionRequest(
                    task: TaskReference(equipment: "P1", task: "service"), result: result, steps: steps)),
            by: Self.alice, now: now)
    }

    func completion(_ outcome: Outcome) -> CompletionRecord? {
        for record in outcome.records { if case .completion(let value) = record.payload { return value } }
        return nil
    }

    @Test mutating func everyStepIsKeptWithItsTextAndTheMeterStepIsAReading() throws {
        let outcome = try complete(["guard": "pass", "pressure": "6.2", "batch": "G-2231", "hours": "1510"])
        #expect(outcome.records.map(\.payload.kind) == [.meterReading, .completion])
        let record = try #require(completion(outcome))
        #expect(record.result == .pass)
        #expect(record.steps.map(\.id) == ["guard", "pressure", "batch", "hours"])
        #expect(record.steps[0].text == "Light curtain stops the ram" && record.steps[0].check == .pass)
        #expect(record.steps[1].value == 6.2 && record.steps[1].unit == "bar" && record.steps[1].max == 7)
        #expect(record.steps[2].answer == "G-2231")
        #expect(plant.history.readings(equipment: "P1", meter: "run-hours").map(\.value) == [1_510])
    }

    @Test(arguments: [
        (["guard": "fail", "pressure": "6", "hours": "1510"], ["guard"]),
        (["guard": "pass", "pressure": "7.5", "hours": "1510"], ["pressure"]),
        (["guard": "n-a", "pressure": "4", "hours": "1510"], ["pressure"]),
    ])
    mutating func aFailedStepFailsTheWork(steps: [String: String], failed: [String]) throws {
        let outcome = try complete(steps)
        let record = try #require(completion(outcome))
        #expect(record.result == .fail)
        #expect(record.steps.filter(\.failed).map(\.id) == failed)
        #expect(outcome.answer?.failedReadings == failed)
        // Failed work satisfies nothing: the task is due at once for a retest.
        #expect(plant.statuses[TaskKey(equipment: "P1", task: "service")]?.awaitingRetest != nil)
    }

    @Test(arguments: [
        (["guard": "pass", "hours": "1510"], "steps.pressure", "missing"),
        (["guard": "maybe", "pressure": "6", "hours": "1510"], "steps.guard", "pass, fail or n-a"),
        (["guard": "pass", "pressure": "six", "hours": "1510"], "steps.pressure", "not a number in bar"),
        (["guard": "pass", "pressure": "6", "hours": "1510", "oil": "ok"], "steps.oil", "unknown step"),
    ])
    mutating func answersThatCannotBeTakenAreRefused(steps: [String: String], parameter: String, message: String) {
        let before = plant.nextRecordId
        do {
            _ = try complete(steps)
            Issue.record("accepted \(steps)")
        } catch {
            guard case .invalidParameter(let named, let text) = error.reason else {
                Issue.record("\(error)")
                return
            }
            #expect(named == parameter && text.contains(message), "\(named): \(text)")
        }
        #expect(plant.nextRecordId == before)
    }

    @Test mutating func failedWorkNeedsNoAnswersAndARefusedMeterReadingRefusesAll() throws {
        let failed = try #require(completion(try complete([:], result: "fail")))
        #expect(failed.result == .fail && failed.steps.isEmpty)
        _ = try complete(["guard": "pass", "pressure": "6", "hours": "1510"])
        // The counter cannot go back: the whole completion is refused, nothing is recorded.
        let before = plant.nextRecordId
        #expect(throws: MaintenanceRefusal.self) {
            try complete(["guard": "pass", "pressure": "6", "hours": "1400"])
        }
        #expect(plant.nextRecordId == before)
    }

    @Test func aBrokenChecklistSaysWhereAndWhat() {
        let broken = Self.text.replacingOccurrences(of: #""meter": "run-hours"}"#, with: #""meter": "odometer"}"#)
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(broken) }
        #expect(
            error?.diagnostics.contains {
                $0.path == "equipment[0].tasks[0].steps[3].meter" && $0.message.contains("no meter \"odometer\"")
            } == true)
    }
}
