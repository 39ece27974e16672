import Foundation
import MaintenanceCore
import Testing

/// The plant calendar: due dates off non-working days and holidays, jobs that need the line down into shutdowns, the
/// grid never drifting. Dates worked out by hand: 2026-12-25 is a Friday, 2027-01-01 a Friday, 2027-08-01 a Sunday.
struct PlantCalendarTests {
    static func config(_ tasks: String, lineB: String = "") -> String {
        """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "calendar": {"workingDays": "Mon..Fri",
                       "holidays": ["2026-12-25", {"date": "2027-01-01", "name": "New Year"}],
                       "shutdowns": [{"from": "2027-07-26", "to": "2027-08-06", "reason": "summer shutdown"}]},
          "lines": [{"id": "line-a", "name": "Line A"},
                    {"id": "line-b", "name": "Line B", "calendar": {"workingDays": "Mon..Sat"}}],
          "equipment": [
            {"id": "E1", "name": "Press", "line": "line-a", "tasks": [\(tasks)]}\(lineB)
          ]
        }
        """
    }

    static let tasks = """
        {"id": "next", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-12-18T06:00"},
        {"id": "previous", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-12-18T06:00", "onNonWorkingDay": "previous"},
        {"id": "keep", "kind": "inspection", "title": "Guard", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-12-18T06:00", "onNonWorkingDay": "keep"},
        {"id": "saturday", "kind": "cleaning", "title": "Clean", "every": "7d", "anchor": "schedule",
         "lastDone": "2026-12-19T10:00"},
        {"id": "overhaul", "kind": "replacement", "title": "Overhaul", "every": "1 year", "anchor": "schedule",
         "lastDone": "2026-08-01", "tolerance": "30d", "shutdownOnly": true},
        {"id": "gearbox", "kind": "replacement", "title": "Gearbox", "every": "1 year", "anchor": "schedule",
         "lastDone": "2026-03-01", "tolerance": "7d", "shutdownOnly": true}
        """
    static let lineB = """
        ,
        {"id": "E2", "name": "Labeller", "line": "line-b", "tasks": [
          {"id": "saturday", "kind": "cleaning", "title": "Clean", "every": "7d", "anchor": "schedule",
           "lastDone": "2026-12-19T10:00"}]}
        """

    let configuration: Configuration
    let now = at("2026-12-20T00:00:00Z")

    init() throws {
        configuration = try loadConfiguration(Self.config(Self.tasks, lineB: Self.lineB))
    }

    func status(_ equipment: String, _ task: String) throws -> TaskStatus {
        let machine = try #require(configuration.equipment(equipment))
        let evaluator = TaskEvaluator(configuration, defaultFirstSeen: now)
        return evaluator.evaluate(
            try #require(machine.task(task)), of: machine, history: MaintenanceHistory(), now: now)
    }

    @Test(arguments: [
        ("next", "2026-12-28T06:00:00Z", "2026-12-25 is a holiday"),
        ("previous", "2026-12-24T06:00:00Z", "2026-12-25 is a holiday"),
        ("saturday", "2026-12-28T10:00:00Z", "Saturday is not a working day"),
    ])
    func aDueDateOffTheWorkingDaysMovesAsTheTaskSays(task: String, due: String, reason: String) throws {
        let status = try status("E1", task)
        #expect(status.dueAt == at(due))
        #expect(status.dueMove?.reason == reason)
        // The occurrence is still the one the schedule put there.
        #expect(status.occurrence == .instant(at(task == "saturday" ? "2026-12-26T10:00:00Z" : "2026-12-25T06:00:00Z")))
    }

    @Test func keepStaysAndALineWithSaturdaysWorksThem() throws {
        let keep = try status("E1", "keep")
        #expect(keep.dueAt == at("2026-12-25T06:00:00Z") && keep.dueMove == nil)
        let labeller = try status("E2", "saturday")
        #expect(labeller.dueAt == at("2026-12-26T10:00:00Z") && labeller.dueMove == nil)
    }

    @Test func aJobThatNeedsTheLineDownGoesIntoTheShutdown() throws {
        // Due 2027-08-01 with 30 days' tolerance: the shutdown starting 07-26 takes it; done before the line restarts.
        let overhaul = try status("E1", "overhaul")
        #expect(overhaul.dueAt == at("2027-07-26T00:00:00Z"))
        #expect(overhaul.overdueAt == at("2027-08-07T00:00:00Z"))
        #expect(overhaul.dueMove?.reason == "into the summer shutdown (2027-07-26 to 2027-08-06)")
        // Due 2027-03-01 with 7 days: no shutdown fits; it stays and says so.
        let gearbox = try status("E1", "gearbox")
        #expect(gearbox.dueAt == at("2027-03-01T00:00:00Z"))
        #expect(gearbox.dueMove?.noShutdownFits == true)
    }

    @Test func theGridNeverDrifts() {
        // Every Friday 06:00 from 12-18: 12-25 (holiday) → Mon 12-28, 01-01 (New Year) → Mon 01-04, then 01-08.
        let (entries, _) = Forecast.occurrences(
            configuration, from: at("2026-12-20T00:00:00Z"), until: at("2027-01-15T00:00:00Z"))
        let next = entries.filter { $0.task == TaskKey(equipment: "E1", task: "next") }
        #expect(
            next.map(\.dueAt) == [at("2026-12-28T06:00:00Z"), at("2027-01-04T06:00:00Z"), at("2027-01-08T06:00:00Z")])
        #expect(next.map { $0.move?.reason } == ["2026-12-25 is a holiday", "2027-01-01 is a holiday: New Year", nil])
        // Moved back to the Thursday before, each time.
        let previous = entries.filter { $0.task == TaskKey(equipment: "E1", task: "previous") }
        #expect(
            previous.map(\.dueAt) == [
                at("2026-12-24T06:00:00Z"), at("2026-12-31T06:00:00Z"), at("2027-01-08T06:00:00Z"),
            ])
    }

    @Test func aForecastPutsTheOverhaulIntoTheShutdown() {
        let (entries, _) = Forecast.occurrences(
            configuration, from: at("2027-07-01T00:00:00Z"), until: at("2027-09-01T00:00:00Z"))
        let overhaul = entries.filter { $0.task == TaskKey(equipment: "E1", task: "overhaul") }
        #expect(overhaul.map(\.dueAt) == [at("2027-07-26T00:00:00Z")])
        #expect(overhaul.first?.move?.from == at("2027-08-01T00:00:00Z"))
    }

    @Test func aDueDateKeepsItsWallClockTimeAcrossADaylightSavingChange() throws {
        // Europe/Berlin: Saturday 2027-03-27 06:00 CET (05:00Z) moves to Monday 03-29 06:00 CEST (04:00Z).
        let text = """
            {
              "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
              "calendar": {"workingDays": "Mon..Fri"},
              "equipment": [{"id": "E1", "name": "Press", "tasks": [
                {"id": "t", "kind": "cleaning", "title": "Clean", "every": "7d", "anchor": "schedule",
                 "lastDone": "2027-03-20T06:00"}]}]
            }
            """
        let configuration = try loadConfiguration(text)
        let machine = try #require(configuration.equipment("E1"))
        let status = TaskEvaluator(configuration, defaultFirstSeen: now).evaluate(
            machine.tasks[0], of: machine, history: MaintenanceHistory(), now: at("2027-03-21T00:00:00Z"))
        #expect(status.dueAt == at("2027-03-29T04:00:00Z"))
    }

    @Test(arguments: [
        (#"{"workingDays": "Fri..Mon"}"#, "calendar.workingDays", "runs backwards"),
        (#"{"workingDays": "Weekdays"}"#, "calendar.workingDays", "not a weekday list"),
        (#"{"holidays": ["2026-13-01"]}"#, "calendar.holidays[0]", "not a date"),
        (#"{"holidays": [{"name": "x"}]}"#, "calendar.holidays[0]", "missing \"date\""),
        (
            #"{"shutdowns": [{"from": "2027-08-06", "to": "2027-07-26"}]}"#, "calendar.shutdowns[0].to",
            "ends before it starts"
        ),
        (
            #"{"shutdowns": [{"from": "2027-07-26", "to": "2027-08-06"}, {"from": "2027-08-01", "to": "2027-08-02"}]}"#,
            "calendar.shutdowns[1]", "overlaps"
        ),
        (#"{"workdays": "Mon..Fri"}"#, "calendar.workdays", "unknown"),
    ])
    func aBrokenCalendarSaysWhereAndWhat(calendar: String, path: String, message: String) {
        let text = """
            {"site": {"name": "P", "timezone": "UTC"}, "calendar": \(calendar),
             "equipment": [{"id": "E1", "name": "Press", "tasks": [
               {"id": "t", "kind": "cleaning", "title": "Clean", "every": "7d"}]}]}
            """
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(text) }
        let diagnostics = error?.diagnostics ?? []
        #expect(
            diagnostics.contains { $0.path.hasPrefix(path) && $0.message.contains(message) },
            "no \(message) at \(path): \(diagnostics)")
    }

    @Test func aTaskRuleMustBeKnown() {
        let text = Self.config(
            #"{"id": "t", "kind": "cleaning", "title": "Clean", "every": "7d", "onNonWorkingDay": "skip"}"#)
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(text) }
        #expect(error?.diagnostics.contains { $0.message.contains("unknown rule \"skip\"") } == true)
    }
}
