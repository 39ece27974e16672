import Foundation
import MaintenanceCore
import Testing

/// The scheduler state machine, driven with explicit instants (a fake clock) and checked on its actions.
struct SchedulerTests {
    // Due 2026-11-07T23:00Z, upcoming from 11-06T23:00Z, overdue from 11-09T23:00Z (see TaskEvaluatorTests).
    let configuration = try! loadConfiguration(plant(machine(TaskEvaluatorTests.weekly)))
    let key = TaskKey(equipment: "E1", task: "t")

    func events(_ actions: [SchedulerAction]) -> [MaintenanceEvent] {
        actions.flatMap { action -> [MaintenanceEvent] in
            if case .notify(let events) = action { return events }
            return []
        }
    }

    func deadline(_ actions: [SchedulerAction]) -> Date?? {
        for case .arm(let deadline) in actions { return deadline }
        return .none
    }

    @Test func startingArmsTheFirstThresholdAndRecordsNewTasks() {
        var scheduler = Scheduler(history: MaintenanceHistory())
        let actions = scheduler.configLoaded(configuration, now: at("2026-11-05T00:00:00Z"))
        #expect(actions.contains(.recordFirstSeen([key], at: at("2026-11-05T00:00:00Z"))))
        #expect(events(actions).isEmpty)
        #expect(deadline(actions) == .some(at("2026-11-06T23:00:00Z")))
    }

    @Test func eachThresholdIsAnnouncedOnceWhenTheTimerFires() {
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(configuration, now: at("2026-11-05T00:00:00Z"))

        let upcoming = scheduler.timerFired(now: at("2026-11-06T23:00:00Z"))
        #expect(events(upcoming).map(\.kind) == [.upcoming])
        #expect(deadline(upcoming) == .some(at("2026-11-07T23:00:00Z")))

        let due = scheduler.timerFired(now: at("2026-11-07T23:00:00Z"))
        #expect(events(due).map(\.kind) == [.due])
        #expect(deadline(due) == .some(at("2026-11-09T23:00:00Z")))

        let overdue = scheduler.timerFired(now: at("2026-11-09T23:00:00Z"))
        #expect(events(overdue).map(\.kind) == [.overdue])
        #expect(
            events(overdue).first?.message
                == "Lubrication of Press E1 is overdue since 2026-11-08 00:00 (Line A): Grease")
        // Next: the reminder, 8 hours later.
        #expect(deadline(overdue) == .some(at("2026-11-10T07:00:00Z")))

        #expect(events(scheduler.timerFired(now: at("2026-11-10T03:00:00Z"))).isEmpty)
        let reminder = scheduler.timerFired(now: at("2026-11-10T07:00:00Z"))
        #expect(events(reminder).map(\.kind) == [.overdueReminder])
        #expect(deadline(reminder) == .some(at("2026-11-10T15:00:00Z")))
    }

    @Test func aRestartNeitherRepeatsNorDropsAnnouncements() {
        var first = Scheduler(history: MaintenanceHistory())
        _ = first.configLoaded(configuration, now: at("2026-11-05T00:00:00Z"))
        _ = first.timerFired(now: at("2026-11-06T23:00:00Z"))  // upcoming announced
        let ledger = first.notificationMarks
        var history = first.history

        // Restarted before the task fell due: nothing to repeat.
        var again = Scheduler(history: history, marks: ledger)
        let restart = again.configLoaded(configuration, now: at("2026-11-07T10:00:00Z"))
        #expect(events(restart).isEmpty)
        #expect(deadline(restart) == .some(at("2026-11-07T23:00:00Z")))

        // Restarted after it fell due and became overdue while stopped: one catch-up announcement.
        history = again.history
        var later = Scheduler(history: history, marks: ledger)
        let caughtUp = events(later.configLoaded(configuration, now: at("2026-11-10T10:00:00Z")))
        #expect(caughtUp.map(\.kind) == [.overdue])
        #expect(caughtUp.first?.catchUp == true)
    }

    @Test func completingReturnsTheTaskToScheduledAndArmsTheNextOccurrence() {
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(configuration, now: at("2026-11-08T00:00:00Z"))
        let actions = scheduler.historyChanged(now: at("2026-11-08T09:05:00Z")) { history in
            history.add(Completion(id: 1, task: key, performedAt: at("2026-11-08T09:00:00Z"), passed: true))
            return [key]
        }
        #expect(events(actions).isEmpty)
        #expect(scheduler.statuses[key]?.state == .scheduled)
        // Next due 11-15T09:00Z; lead 1 day → upcoming from 11-14T09:00Z.
        #expect(deadline(actions) == .some(at("2026-11-14T09:00:00Z")))
    }

    @Test func aRecordUpdatesOnlyTheTaskItTouches() throws {
        let two = try loadConfiguration(
            plant(
                machine(
                    TaskEvaluatorTests.weekly + ","
                        + TaskEvaluatorTests.weekly.replacingOccurrences(of: #""id": "t""#, with: #""id": "u""#))))
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(two, now: at("2026-11-05T00:00:00Z"))
        // Both tasks become upcoming at 11-06T23:00Z, but only the timer announces that; completing "t" after that
        // instant re-evaluates "t" alone.
        let actions = scheduler.historyChanged(now: at("2026-11-07T01:00:00Z")) { history in
            history.add(Completion(id: 1, task: key, performedAt: at("2026-11-07T01:00:00Z"), passed: true))
            return [key]
        }
        #expect(events(actions).isEmpty)
        #expect(scheduler.statuses[TaskKey(equipment: "E1", task: "u")]?.state == .scheduled)
        #expect(deadline(actions) == .some(at("2026-11-06T23:00:00Z")))  // "u" still has its threshold pending
    }

    @Test func aMeterReadingReevaluatesTheTasksOnThatMeter() throws {
        let config = try loadConfiguration(
            plant(machine(TaskEvaluatorTests.meterTask, meters: TaskEvaluatorTests.hours)))
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(config, now: at("2026-11-01T00:00:00Z"))
        let actions = scheduler.historyChanged(now: at("2026-11-02T00:00:00Z")) { history in
            history.add(
                MeterReading(equipment: "E1", meter: "run-hours", value: 1260, at: at("2026-11-02T00:00:00Z")))
            return [key]
        }
        // Crossing 1225 and 1250 in one reading: both thresholds are announced, in order.
        #expect(events(actions).map(\.kind) == [.upcoming, .due])
        #expect(events(actions).last?.details["meter_due"] == "1250")
    }

    @Test func aDeferralSilencesUntilItEnds() {
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(configuration, now: at("2026-11-08T00:00:00Z"))
        let occurrence = scheduler.statuses[key]!.occurrence
        let actions = scheduler.historyChanged(now: at("2026-11-08T01:00:00Z")) { history in
            history.add(
                Deferral(
                    id: 1, task: key, occurrence: occurrence, until: at("2026-11-12T06:00:00Z"), reason: "no stop",
                    recordedAt: at("2026-11-08T01:00:00Z")))
            return [key]
        }
        #expect(scheduler.statuses[key]?.state == .deferred)
        #expect(deadline(actions) == .some(at("2026-11-12T06:00:00Z")))
        #expect(events(scheduler.timerFired(now: at("2026-11-12T06:00:00Z"))).map(\.kind) == [.due])
    }

    @Test func aClockJumpRecomputesEverything() {
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(configuration, now: at("2026-11-05T00:00:00Z"))
        // The clock was stepped forward past the due instant: announced at once.
        let actions = scheduler.clockChanged(now: at("2026-11-08T12:00:00Z"))
        #expect(events(actions).map(\.kind) == [.upcoming, .due])
    }

    @Test func reloadingWithoutATaskForgetsIt() throws {
        var scheduler = Scheduler(history: MaintenanceHistory())
        _ = scheduler.configLoaded(configuration, now: at("2026-11-05T00:00:00Z"))
        let empty = try loadConfiguration(plant(machine("")))
        let actions = scheduler.configLoaded(empty, now: at("2026-11-05T01:00:00Z"))
        #expect(scheduler.statuses.isEmpty)
        #expect(deadline(actions) == .some(nil))
    }
}
