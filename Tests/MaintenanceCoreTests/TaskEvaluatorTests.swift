import Foundation
import MaintenanceCore
import Testing

/// Due states for every trigger kind and combination. Expected instants are worked out by hand in the comments;
/// local times are Europe/Berlin (CET = UTC+1 in winter).
struct TaskEvaluatorTests {
    /// Evaluates the only task of the only equipment.
    func status(
        _ task: String, meters: String = "", equipment extra: String = "", history: MaintenanceHistory = .init(),
        firstSeen: String = "2026-01-01T00:00:00Z", now: String
    ) throws -> TaskStatus {
        let configuration = try loadConfiguration(plant(machine(task, meters: meters, extra: extra)))
        let equipment = configuration.equipment[0]
        let evaluator = TaskEvaluator(zone: configuration.zone, defaultFirstSeen: at(firstSeen))
        return evaluator.evaluate(equipment.tasks[0], of: equipment, history: history, now: at(now))
    }

    func completion(_ time: String, passed: Bool = true, id: Int64 = 1) -> Completion {
        Completion(id: id, task: TaskKey(equipment: "E1", task: "t"), performedAt: at(time), passed: passed)
    }

    // lastDone 2026-11-01 is local midnight = 2026-10-31T23:00Z; every 7d → due 2026-11-07T23:00Z;
    // lead 1d → upcoming from 2026-11-06T23:00Z; tolerance 2d → overdue from 2026-11-09T23:00Z.
    static let weekly =
        #"{"id": "t", "kind": "lubrication", "title": "Grease", "every": "7d", "lastDone": "2026-11-01", "leadTime": "1d", "tolerance": "2d"}"#

    @Test(arguments: [
        ("2026-11-06T12:00:00Z", DueState.scheduled), ("2026-11-06T23:00:00Z", .upcoming),
        ("2026-11-07T22:59:59Z", .upcoming), ("2026-11-07T23:00:00Z", .due), ("2026-11-09T22:59:00Z", .due),
        ("2026-11-09T23:00:00Z", .overdue),
    ])
    func floatingIntervalMovesThroughItsStates(now: String, expected: DueState) throws {
        let s = try status(Self.weekly, now: now)
        #expect(s.state == expected)
        #expect(s.dueAt == at("2026-11-07T23:00:00Z"))
        #expect(s.trigger == .interval)
    }

    @Test func nextChangeIsTheNextThreshold() throws {
        #expect(try status(Self.weekly, now: "2026-11-06T12:00:00Z").nextChange == at("2026-11-06T23:00:00Z"))
        #expect(try status(Self.weekly, now: "2026-11-08T12:00:00Z").nextChange == at("2026-11-09T23:00:00Z"))
        #expect(try status(Self.weekly, now: "2026-11-10T12:00:00Z").nextChange == nil)
    }

    @Test func floatingIntervalCountsFromTheLastCompletion() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-11-10T10:00:00Z"))
        let s = try status(Self.weekly, history: history, now: "2026-11-11T00:00:00Z")
        #expect(s.dueAt == at("2026-11-17T10:00:00Z"))
        #expect(s.state == .scheduled)
        #expect(s.lastDone == at("2026-11-10T10:00:00Z"))
    }

    /// Regression: a completion back-dated before the configured lastDone pulled a floating schedule back.
    @Test func aCompletionOlderThanLastDoneDoesNotPullTheScheduleBack() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-10-20T10:00:00Z"))
        // lastDone 2026-11-01 (local midnight, 10-31T23:00Z) + 7d.
        #expect(
            try status(Self.weekly, history: history, now: "2026-11-02T00:00:00Z").dueAt == at("2026-11-07T23:00:00Z"))
    }

    @Test func aFailedCompletionDoesNotSatisfyTheSchedule() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-11-08T10:00:00Z", passed: false))
        let s = try status(Self.weekly, history: history, now: "2026-11-08T12:00:00Z")
        #expect(s.state == .due)
        #expect(s.dueAt == at("2026-11-07T23:00:00Z"))
    }

    // Fixed grid from lastDone Mon 2026-11-02 06:00 local (05:00Z): points 11-09, 11-16, 11-23 at 05:00Z.
    static let grid =
        #"{"id": "t", "kind": "inspection", "title": "Belt", "every": "1w", "anchor": "schedule", "lastDone": "2026-11-02T06:00", "leadTime": "1d", "tolerance": "1d"}"#

    @Test func lateCompletionOnTheGridDoesNotMoveIt() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-11-10T12:00:00Z"))  // a day late for 11-09
        #expect(
            try status(Self.grid, history: history, now: "2026-11-11T00:00:00Z").dueAt == at("2026-11-16T05:00:00Z"))
    }

    @Test func earlyCompletionInsideTheLeadTimeCoversTheComingOccurrence() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-11-15T10:00:00Z"))  // upcoming since 11-15 05:00Z
        #expect(
            try status(Self.grid, history: history, now: "2026-11-15T11:00:00Z").dueAt == at("2026-11-23T05:00:00Z"))
    }

    @Test func earlyCompletionWithAFloatingAnchorMovesTheNextDue() throws {
        var history = MaintenanceHistory()
        history.add(completion("2026-11-15T10:00:00Z"))
        let floating = Self.grid.replacingOccurrences(of: #""anchor": "schedule", "#, with: "")
        #expect(try status(floating, history: history, now: "2026-11-15T11:00:00Z").dueAt == at("2026-11-22T10:00:00Z"))
    }

    @Test func gridKeepsLocalTimeAcrossDST() throws {
        // From Mon 2026-10-19 06:00 CEST (04:00Z) weekly: 10-26 06:00 is CET (05:00Z).
        let task =
            #"{"id": "t", "kind": "inspection", "title": "x", "every": "1w", "anchor": "schedule", "lastDone": "2026-10-19T06:00"}"#
        #expect(try status(task, now: "2026-10-20T00:00:00Z").dueAt == at("2026-10-26T05:00:00Z"))
    }

    @Test func neverDoneIsDueOneIntervalAfterCommissioning() throws {
        let task = #"{"id": "t", "kind": "test", "title": "x", "every": "3 months"}"#
        // Commissioned 2026-03-15 local midnight (2026-03-14T23:00Z) + 3 months = 2026-06-15 00:00 CEST (06-14T22:00Z).
        let s = try status(task, equipment: #""commissioned": "2026-03-15","#, now: "2026-05-01T00:00:00Z")
        #expect(s.dueAt == at("2026-06-14T22:00:00Z"))
    }

    @Test func neverDoneWithoutDatesIsDueWhenFirstSeen() throws {
        let task = #"{"id": "t", "kind": "test", "title": "x", "every": "3 months"}"#
        let s = try status(task, firstSeen: "2026-11-20T08:00:00Z", now: "2026-11-20T09:00:00Z")
        #expect(s.dueAt == at("2026-11-20T08:00:00Z"))
        #expect(s.state == .due)
    }

    @Test func calendarTaskIsDueAtTheNextElapseAfterItAppeared() throws {
        let task =
            #"{"id": "t", "kind": "inspection", "title": "x", "calendar": "Mon *-*-* 07:00", "leadTime": "1d", "tolerance": "8h"}"#
        // Wed 2026-11-18 → Mon 2026-11-23 07:00 CET = 06:00Z.
        let s = try status(task, firstSeen: "2026-11-18T10:00:00Z", now: "2026-11-22T07:00:00Z")
        #expect(s.dueAt == at("2026-11-23T06:00:00Z"))
        #expect(s.state == .upcoming)
        #expect(s.overdueAt == at("2026-11-23T14:00:00Z"))
        #expect(s.trigger == .calendar)
    }

    @Test func calendarCompletionCoversTheOccurrenceItFollows() throws {
        let task =
            #"{"id": "t", "kind": "inspection", "title": "x", "calendar": "Mon *-*-* 07:00", "leadTime": "1d", "tolerance": "8h"}"#
        var history = MaintenanceHistory()
        history.add(completion("2026-11-23T09:00:00Z"))  // Monday's, done late morning
        let s = try status(task, history: history, firstSeen: "2026-11-18T10:00:00Z", now: "2026-11-23T10:00:00Z")
        #expect(s.dueAt == at("2026-11-30T06:00:00Z"))
        #expect(s.state == .scheduled)
    }

    @Test func percentageToleranceIsAShareOfTheInterval() throws {
        // every 10d from 2026-11-01 local midnight: due 11-10T23:00Z; 10% of 10 days = 1 day.
        let task =
            #"{"id": "t", "kind": "test", "title": "x", "every": "10d", "lastDone": "2026-11-01", "tolerance": "10%", "leadTime": "20%"}"#
        let s = try status(task, now: "2026-11-09T00:00:00Z")
        #expect(s.overdueAt == at("2026-11-11T23:00:00Z"))
        #expect(s.upcomingAt == at("2026-11-08T23:00:00Z"))
        #expect(s.state == .upcoming)
    }

    /// Regression: 10 % of 35 h gave 03:29:60-style instants; shares are rounded to whole minutes.
    @Test(arguments: [
        ("35h", "10%", "2026-11-02T10:00:00Z", "2026-11-02T06:30:00Z"),  // 3 h 30 min exactly
        ("7h", "7%", "2026-11-01T06:00:00Z", "2026-11-01T05:31:00Z"),  // 29.4 min → 29 min
        ("7h", "8%", "2026-11-01T06:00:00Z", "2026-11-01T05:26:00Z"),  // 33.6 min → 34 min
    ])
    func percentageSharesAreRoundedToWholeMinutes(every: String, lead: String, due: String, upcoming: String) throws {
        // lastDone 2026-11-01 00:00 local = 2026-10-31T23:00Z.
        let task =
            #"{"id": "t", "kind": "test", "title": "x", "every": "\#(every)", "lastDone": "2026-11-01", "leadTime": "\#(lead)"}"#
        let s = try status(task, now: "2026-10-31T23:30:00Z")
        #expect(s.dueAt == at(due))
        #expect(s.upcomingAt == at(upcoming))
        #expect(s.upcomingAt.map { $0.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) } == 0)
    }

    // Meter every 250 from 1000: due at 1250; 10% lead → upcoming at 1225; 10% tolerance → overdue at 1275.
    static let meterTask =
        #"{"id": "t", "kind": "lubrication", "title": "Grease", "meter": {"id": "run-hours", "every": 250, "lastDoneValue": 1000}}"#
    static let hours = #"{"id": "run-hours", "unit": "h"}"#

    func readings(_ values: [(String, Double)]) -> MaintenanceHistory {
        var history = MaintenanceHistory()
        for (time, value) in values {
            history.add(MeterReading(equipment: "E1", meter: "run-hours", value: value, at: at(time)))
        }
        return history
    }

    @Test func meterForecastFollowsTheRecentRate() throws {
        // 100 h in 10 days = 10 h/day; 50 h left → 5 days after 11-11.
        let history = readings([("2026-11-01T00:00:00Z", 1100), ("2026-11-11T00:00:00Z", 1200)])
        let s = try status(Self.meterTask, meters: Self.hours, history: history, now: "2026-11-11T01:00:00Z")
        #expect(s.state == .scheduled)
        #expect(s.dueAt == nil)
        #expect(s.forecastAt == at("2026-11-16T00:00:00Z"))
        #expect(s.meter?.dueValue == 1250)
        #expect(s.occurrence == .meter("run-hours", 1250))
    }

    @Test(arguments: [(1230.0, DueState.upcoming), (1251, .due), (1276, .overdue), (1224, .scheduled)])
    func meterStatesFollowTheReadings(value: Double, expected: DueState) throws {
        let history = readings([("2026-11-01T00:00:00Z", 1100), ("2026-11-14T00:00:00Z", value)])
        let s = try status(Self.meterTask, meters: Self.hours, history: history, now: "2026-11-14T01:00:00Z")
        #expect(s.state == expected)
        if expected == .due { #expect(s.dueAt == at("2026-11-14T00:00:00Z")) }
    }

    @Test func meterCountsFromTheValueAtTheLastCompletion() throws {
        var history = readings([
            ("2026-11-01T00:00:00Z", 1240), ("2026-11-02T00:00:00Z", 1260), ("2026-11-05T00:00:00Z", 1300),
        ])
        history.add(completion("2026-11-02T06:00:00Z"))
        let s = try status(Self.meterTask, meters: Self.hours, history: history, now: "2026-11-05T01:00:00Z")
        #expect(s.meter?.dueValue == 1510)  // 1260 at the completion + 250
        #expect(s.state == .scheduled)
    }

    @Test func combinedTriggersFollowWhicheverComesFirst() throws {
        let task =
            #"{"id": "t", "kind": "lubrication", "title": "x", "every": "30d", "lastDone": "2026-11-01", "meter": {"id": "run-hours", "every": 250, "lastDoneValue": 1000}}"#
        // The meter crosses 1250 on 11-14, long before 30 days have passed.
        let meterFirst = try status(
            task, meters: Self.hours,
            history: readings([("2026-11-01T00:00:00Z", 1000), ("2026-11-14T00:00:00Z", 1260)]),
            now: "2026-11-14T01:00:00Z")
        #expect(meterFirst.trigger == .meter && meterFirst.state == .due)
        // With little use, the 30 days come first: due 2026-12-01 local midnight = 11-30T23:00Z.
        let timeFirst = try status(
            task, meters: Self.hours,
            history: readings([("2026-11-01T00:00:00Z", 1000), ("2026-11-14T00:00:00Z", 1010)]),
            now: "2026-12-01T01:00:00Z")
        #expect(timeFirst.trigger == .interval && timeFirst.state == .due)
        #expect(timeFirst.dueAt == at("2026-11-30T23:00:00Z"))
    }

    @Test func deferralPostponesUntilItsEndThenTheTaskIsDueFromThen() throws {
        var history = MaintenanceHistory()
        history.add(
            Deferral(
                id: 1, task: TaskKey(equipment: "E1", task: "t"), occurrence: Occurrence("2026-11-07T23:00:00Z")!,
                until: at("2026-11-12T06:00:00Z"), reason: "line cannot stop", recordedAt: at("2026-11-08T08:00:00Z")))
        let during = try status(Self.weekly, history: history, now: "2026-11-10T00:00:00Z")
        #expect(during.state == .deferred)
        #expect(during.nextChange == at("2026-11-12T06:00:00Z"))
        let after = try status(Self.weekly, history: history, now: "2026-11-12T07:00:00Z")
        #expect(after.state == .due)
        #expect(after.dueAt == at("2026-11-12T06:00:00Z"))
        #expect(after.overdueAt == at("2026-11-14T06:00:00Z"))  // the 2-day tolerance, from the deferral's end
    }

    @Test func aDeferralDoesNotCarryOverToTheNextOccurrence() throws {
        var history = MaintenanceHistory()
        history.add(
            Deferral(
                id: 1, task: TaskKey(equipment: "E1", task: "t"), occurrence: Occurrence("2026-11-07T23:00:00Z")!,
                until: at("2026-11-30T06:00:00Z"), reason: "r", recordedAt: at("2026-11-08T08:00:00Z")))
        history.add(completion("2026-11-09T10:00:00Z"))
        #expect(try status(Self.weekly, history: history, now: "2026-11-10T00:00:00Z").state == .scheduled)
    }

    @Test func skippingAGridOccurrenceSchedulesTheNextOne() throws {
        var history = MaintenanceHistory()
        history.add(
            Skip(
                id: 1, task: TaskKey(equipment: "E1", task: "t"), occurrence: Occurrence("2026-11-09T05:00:00Z")!,
                dueAt: at("2026-11-09T05:00:00Z"), dueValue: nil, recordedAt: at("2026-11-09T07:00:00Z")))
        #expect(
            try status(Self.grid, history: history, now: "2026-11-09T08:00:00Z").dueAt == at("2026-11-16T05:00:00Z"))
    }

    @Test func outOfServiceEquipmentIsSuspended() throws {
        let s = try status(Self.weekly, equipment: #""inService": false,"#, now: "2026-11-20T00:00:00Z")
        #expect(s.state == .suspended)
        #expect(s.nextChange == nil)
    }

    @Test func historyUnderAFormerIdStillCounts() throws {
        let configuration = try loadConfiguration(
            plant(
                #"{"id": "E1", "name": "P", "line": "line-a", "formerIds": ["OLD"], "tasks": [\#(Self.weekly.replacingOccurrences(of: "\"id\": \"t\"", with: "\"id\": \"t\", \"formerIds\": [\"old-t\"]"))]}"#
            ))
        var history = MaintenanceHistory()
        history.add(
            Completion(
                id: 1, task: TaskKey(equipment: "OLD", task: "old-t"), performedAt: at("2026-11-10T10:00:00Z"),
                passed: true))
        let evaluator = TaskEvaluator(zone: configuration.zone, defaultFirstSeen: at("2026-01-01T00:00:00Z"))
        let s = evaluator.evaluate(
            configuration.equipment[0].tasks[0], of: configuration.equipment[0], history: history,
            now: at("2026-11-11T00:00:00Z"))
        #expect(s.dueAt == at("2026-11-17T10:00:00Z"))
    }
}
