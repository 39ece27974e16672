import Foundation
import MaintenanceCore
import Testing

/// Calendar-unit grids stay anchored: occurrence n is n intervals from the anchor, clamped to the month's end, never
/// the previous due date plus an interval (which drifts from the 31st to the 28th for ever). Site time Europe/Berlin.
struct GridAnchorTests {
    /// The first `count` due dates (site dates) of a grid task anchored at `lastDone`, each done on its due date.
    func dueDates(every: String, lastDone: String, count: Int) throws -> [String] {
        let task = """
            {"id": "t", "kind": "inspection", "title": "Check", "every": "\(every)", "anchor": "schedule",
             "lastDone": "\(lastDone)", "leadTime": "0s"}
            """
        let configuration = try loadConfiguration(plant(machine(task)))
        let equipment = configuration.equipment[0]
        let evaluator = TaskEvaluator(zone: configuration.zone, defaultFirstSeen: at("2020-01-01T00:00:00Z"))
        var history = MaintenanceHistory()
        var dates: [String] = []
        var now = at("2020-01-01T00:00:00Z")
        for index in 0..<count {
            let due = try #require(
                evaluator.evaluate(equipment.tasks[0], of: equipment, history: history, now: now).dueAt)
            dates.append(String(Timestamp.wallClock(due, in: configuration.zone).prefix(10)))
            history.add(
                Completion(id: Int64(index), task: TaskKey(equipment: "E1", task: "t"), performedAt: due, passed: true))
            now = due
        }
        return dates
    }

    @Test(arguments: [
        ("1 month", "2026-01-31", ["2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"]),
        ("1 month", "2028-01-31", ["2028-02-29", "2028-03-31", "2028-04-30"]),
        ("3 months", "2025-11-30", ["2026-02-28", "2026-05-30", "2026-08-30", "2026-11-30"]),
        ("1 year", "2024-02-29", ["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]),
        ("2 months", "2026-08-31", ["2026-10-31", "2026-12-31", "2027-02-28", "2027-04-30"]),
    ])
    func monthEndsStayMonthEnds(every: String, lastDone: String, expected: [String]) throws {
        #expect(try dueDates(every: every, lastDone: lastDone, count: expected.count) == expected)
    }

    /// A late completion on an anchored grid does not pull the next due date to the completion's day of month.
    @Test func aLateCompletionDoesNotMoveTheMonthlyGrid() throws {
        let task = """
            {"id": "t", "kind": "inspection", "title": "Check", "every": "1 month", "anchor": "schedule",
             "lastDone": "2026-01-31", "leadTime": "0s"}
            """
        let configuration = try loadConfiguration(plant(machine(task)))
        let equipment = configuration.equipment[0]
        var history = MaintenanceHistory()
        // Due Feb 28, done Mar 3.
        history.add(
            Completion(
                id: 1, task: TaskKey(equipment: "E1", task: "t"), performedAt: at("2026-03-03T09:00:00Z"), passed: true)
        )
        let evaluator = TaskEvaluator(zone: configuration.zone, defaultFirstSeen: at("2020-01-01T00:00:00Z"))
        let status = evaluator.evaluate(
            equipment.tasks[0], of: equipment, history: history, now: at("2026-03-03T10:00:00Z"))
        #expect(status.dueAt.map { Timestamp.wallClock($0, in: configuration.zone) } == "2026-03-31 00:00")
    }
}
