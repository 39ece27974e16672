import Foundation
import MaintenanceCore
import Testing

/// PM compliance over a quarter, every number worked out by hand from the schedule below (site time is UTC).
///
/// - G1/grease, line-a, lubrication: weekly fixed grid from Mon 06-29 06:00, lead 1d, tolerance 1d. Q3 points are
///   the 13 Mondays 07-06 … 09-28 at 06:00.
/// - F1/inspect, line-a, inspection: every 30d floating from 06-10 06:00, lead 2d, tolerance 3d.
/// - C1/calibrate, line-b, calibration: on the 1st of each month at 08:00, lead 3d, tolerance 5d.
struct ComplianceReportTests {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
          "lines": [{"id": "line-a", "name": "Line A"}, {"id": "line-b", "name": "Line B"}],
          "equipment": [
            {"id": "G1", "name": "Gearbox", "line": "line-a", "tasks": [
              {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d", "anchor": "schedule",
               "lastDone": "2026-06-29T06:00", "leadTime": "1d", "tolerance": "1d"}]},
            {"id": "F1", "name": "Filler", "line": "line-a", "tasks": [
              {"id": "inspect", "kind": "inspection", "title": "Inspect", "every": "30d",
               "lastDone": "2026-06-10T06:00", "leadTime": "2d", "tolerance": "3d"}]},
            {"id": "C1", "name": "Checkweigher", "line": "line-b", "tasks": [
              {"id": "calibrate", "kind": "calibration", "title": "Calibrate", "calendar": "*-*-01 08:00",
               "lastDone": "2026-06-01T08:00", "leadTime": "3d", "tolerance": "5d"}]}
          ]
        }
        """
    static let technician = Requester(user: "alice", uid: 1001, groups: ["shopfloor"])
    static let lead = Requester(user: "lena", uid: 1003, groups: ["shopfloor", "shift-leads"])
    static let grease = TaskReference(equipment: "G1", task: "grease")
    static let inspect = TaskReference(equipment: "F1", task: "inspect")
    static let calibrate = TaskReference(equipment: "C1", task: "calibrate")
    let now = at("2026-10-15T12:00:00Z")
    let quarterStart = at("2026-07-01T00:00:00Z")
    let quarterEnd = at("2026-10-01T00:00:00Z")
    var plant: Plant

    init() throws {
        plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [],
            daemon: .daemon(uid: 0))
        _ = plant.start(now: at("2026-06-30T00:00:00Z"))
        func run(_ command: MaintenanceCommand, _ time: String, as who: Requester = Self.technician) throws {
            _ = try plant.execute(command, by: who, now: at(time))
        }
        func done(_ task: TaskReference, _ time: String) throws {
            try run(.complete(CompletionRequest(task: task)), time)
        }
        // G1: 07-06 on time; 07-13 on time; 07-20 late (overdue 07-21 06:00); 07-27 and 08-03 without work, the
        // work of 08-10 07:00 in 08-10's window (on time); 08-16 09:00 in 08-17's lead window (on time, early);
        // 08-24 deferred until 08-27 06:00 and done 08-27 10:00 (within until + 1d); 08-31 skipped; 09-07 … 09-28
        // never done (missed).
        try done(Self.grease, "2026-07-06T10:00:00Z")
        try done(Self.grease, "2026-07-13T08:00:00Z")
        try done(Self.grease, "2026-07-21T12:00:00Z")
        try done(Self.grease, "2026-08-10T07:00:00Z")
        try done(Self.grease, "2026-08-16T09:00:00Z")
        try run(
            .deferOccurrence(Self.grease, until: "2026-08-27T06:00:00Z", reason: "trial batch on the line"),
            "2026-08-24T09:00:00Z", as: Self.lead)
        try done(Self.grease, "2026-08-27T10:00:00Z")
        try run(.skip(Self.grease, reason: "line down for the refit"), "2026-09-02T09:00:00Z", as: Self.lead)
        // F1: due 07-10 06:00, done 07-12 09:00 (on time, by 07-13 06:00); next due 08-11 09:00, done 08-20 15:00
        // (late, after 08-14 09:00); next due 09-19 15:00, never done (missed).
        try done(Self.inspect, "2026-07-12T09:00:00Z")
        try done(Self.inspect, "2026-08-20T15:00:00Z")
        // C1: 07-01 08:00 done 07-02 09:00 (on time); 08-01 never done (missed); 09-03 10:00 is in 09-01's window
        // (on time, by 09-06 08:00); next due 10-01, outside the quarter.
        try done(Self.calibrate, "2026-07-02T09:00:00Z")
        try done(Self.calibrate, "2026-09-03T10:00:00Z")
    }

    func counts(
        onTime: Int = 0, late: Int = 0, missed: Int = 0, open: Int = 0, deferred: Int = 0, skipped: Int = 0
    ) -> ComplianceCounts {
        var counts = ComplianceCounts()
        counts.onTime = onTime
        counts.late = late
        counts.missed = missed
        counts.open = open
        counts.deferred = deferred
        counts.skipped = skipped
        return counts
    }

    @Test func aQuarterUnderTheConfiguredTolerances() throws {
        let report = try plant.complianceReport(from: quarterStart, to: quarterEnd, policy: .tolerance, now: now)
        let grease = counts(onTime: 4, late: 1, missed: 6, deferred: 1, skipped: 1)
        let inspect = counts(onTime: 1, late: 1, missed: 1)
        let calibrate = counts(onTime: 2, missed: 1)
        var lineA = grease
        lineA.add(inspect)
        #expect(report.rows.map(\.line) == ["line-a", "line-a", "line-a", "line-b", "line-b"])
        #expect(report.rows.map(\.kind) == [.inspection, .lubrication, nil, .calibration, nil])
        #expect(report.rows.map(\.counts) == [inspect, grease, lineA, calibrate, calibrate])
        #expect(report.total == counts(onTime: 7, late: 2, missed: 8, deferred: 1, skipped: 1))
        #expect(report.total.due == 19)
        #expect(report.total.compliance == 7.0 / 17.0)

        let greaseResults = report.occurrences.filter { $0.task.equipment == "G1" }.map(\.result)
        #expect(
            greaseResults == [
                .onTime, .onTime, .late, .missed, .missed, .onTime, .onTime, .deferred, .skipped, .missed, .missed,
                .missed, .missed,
            ])
        let deferred = try #require(report.occurrences.first { $0.result == .deferred })
        #expect(deferred.dueAt == at("2026-08-24T06:00:00Z"))
        #expect(deferred.deferral?.reason == "trial batch on the line")
        #expect(deferred.performedAt == at("2026-08-27T10:00:00Z"))
        let stepped = report.occurrences.filter { $0.task.equipment == "C1" }.map(\.dueAt)
        #expect(stepped == [at("2026-07-01T08:00:00Z"), at("2026-08-01T08:00:00Z"), at("2026-09-01T08:00:00Z")])
    }

    @Test func theSMRPGraceIsAFifthOfTheIntervalAtMost28Days() throws {
        // A fifth of a week is 33 h 36 min: the grease of 07-20 06:00 done 07-21 12:00 (30 h later) is on time.
        // A fifth of 30 days is 6 days: the inspection due 08-11 09:00 done 08-20 15:00 is still late.
        let report = try plant.complianceReport(from: quarterStart, to: quarterEnd, policy: .smrp, now: now)
        #expect(report.total == counts(onTime: 8, late: 1, missed: 8, deferred: 1, skipped: 1))
        let first = try #require(report.occurrences.first { $0.task.equipment == "G1" })
        #expect(first.deadline == at("2026-07-07T15:36:00Z"))
        #expect(CompliancePolicy.smrpMaximumGrace == 28 * 86_400)
    }

    @Test func occurrencesWhoseWindowHasNotClosedAreOpen() throws {
        // October, on the 15th at noon: G1's 10-05 and 10-12 are missed (overdue 10-13 06:00), 10-19 and 10-26 are
        // open; C1's 10-01 is missed (overdue 10-06 08:00); F1 has nothing due in October.
        let report = try plant.complianceReport(
            from: quarterEnd, to: at("2026-11-01T00:00:00Z"), policy: .tolerance, now: now)
        #expect(report.total == counts(missed: 3, open: 2))
        #expect(report.total.compliance == 0)
    }

    @Test func aReportCanListOnlyTheEarliestExceptions() throws {
        // 2 late, 8 missed, 1 deferred and 1 skipped in the quarter: 12 exceptions, the earliest 3 listed.
        let report = try plant.complianceReport(
            from: quarterStart, to: quarterEnd, policy: .tolerance, now: now, listing: .exceptions(limit: 3))
        #expect(report.total == counts(onTime: 7, late: 2, missed: 8, deferred: 1, skipped: 1))
        #expect(report.occurrences.count == 3 && report.omitted == 9)
        #expect(report.occurrences.allSatisfy { $0.result != .onTime && $0.result != .open })
        #expect(report.occurrences.map(\.dueAt) == report.occurrences.map(\.dueAt).sorted())
        #expect(report.occurrences.first?.dueAt == at("2026-07-20T06:00:00Z"))
    }

    @Test func filtersByLineAndKind() throws {
        let lineB = try plant.complianceReport(
            from: quarterStart, to: quarterEnd, line: "line-b", policy: .tolerance, now: now)
        #expect(lineB.total == counts(onTime: 2, missed: 1))
        let inspections = try plant.complianceReport(
            from: quarterStart, to: quarterEnd, kind: .inspection, policy: .tolerance, now: now)
        #expect(inspections.total == counts(onTime: 1, late: 1, missed: 1))
        #expect(inspections.rows.count == 2)
    }

    @Test func refusesAnEmptyPeriodAnOverlongOneAndAnUnknownLine() {
        #expect(throws: MaintenanceRefusal.self) {
            try plant.complianceReport(from: quarterEnd, to: quarterStart, policy: .tolerance, now: now)
        }
        let refusal = #expect(throws: MaintenanceRefusal.self) {
            try plant.complianceReport(
                from: at("2000-01-01T00:00:00Z"), to: at("2026-01-01T00:00:00Z"), policy: .tolerance, now: now)
        }
        #expect(refusal?.description.contains("at most ten years") == true)
        #expect(throws: MaintenanceRefusal.self) {
            try plant.complianceReport(from: quarterStart, to: quarterEnd, line: "line-z", policy: .tolerance, now: now)
        }
    }

    @Test func aCompletionRecordSaysWhichOccurrenceItSatisfied() throws {
        var plant = plant
        let outcome = try plant.execute(
            .complete(CompletionRequest(task: Self.inspect, performedAt: "2026-10-01T10:00:00Z")),
            by: Self.technician, now: now)
        guard case .completion(let record) = outcome.records.first?.payload else {
            Issue.record("no completion record")
            return
        }
        // F1 was due 09-19 15:00 and overdue 09-22 15:00: done 10-01, late for that one.
        #expect(record.occurrence == .instant(at("2026-09-19T15:00:00Z")))
        #expect(record.onTime == false)
    }

    @Test func meterOccurrencesAreDueWhenTheMeterReachesThem() throws {
        // Oil every 250 h from 1,000 h, overdue 10 % (25 h) later. The meter reaches 1,250 on 07-12 and 1,275 on
        // 07-13; the oil change of 07-14 is late. From the 1,278 h read before it, the next is due at 1,528, reached
        // 07-26; done 07-27, before 1,553: on time. The next (1,780) is not reached: not due.
        let text = """
            {
              "site": {"name": "Test plant", "timezone": "UTC"},
              "roles": {"technician": ["shopfloor"], "lead": ["shift-leads"]},
              "lines": [{"id": "line-a", "name": "Line A"}],
              "equipment": [
                {"id": "M1", "name": "Compressor", "line": "line-a", "meters": [{"id": "run-hours", "unit": "h"}],
                 "tasks": [{"id": "oil", "kind": "replacement", "title": "Oil",
                            "meter": {"id": "run-hours", "every": 250, "lastDoneValue": 1000}, "tolerance": "10%"}]}
              ]
            }
            """
        var plant = Plant(
            configuration: try loadConfiguration(text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
        _ = plant.start(now: at("2026-06-30T00:00:00Z"))
        func run(_ command: MaintenanceCommand, _ time: String) throws {
            _ = try plant.execute(command, by: Self.technician, now: at(time))
        }
        for (time, value) in [
            ("2026-07-01T00:00:00Z", 1_000.0), ("2026-07-08T00:00:00Z", 1_160), ("2026-07-12T00:00:00Z", 1_255),
            ("2026-07-13T00:00:00Z", 1_278),
        ] {
            try run(.recordMeter(equipment: "M1", meter: "run-hours", value: value, at: nil), time)
        }
        let oil = TaskReference(equipment: "M1", task: "oil")
        try run(.complete(CompletionRequest(task: oil)), "2026-07-14T00:00:00Z")
        for (time, value) in [("2026-07-24T00:00:00Z", 1_500.0), ("2026-07-26T00:00:00Z", 1_530)] {
            try run(.recordMeter(equipment: "M1", meter: "run-hours", value: value, at: nil), time)
        }
        try run(.complete(CompletionRequest(task: oil)), "2026-07-27T00:00:00Z")
        let report = try plant.complianceReport(
            from: quarterStart, to: quarterEnd, policy: .tolerance, now: now)
        #expect(report.occurrences.map(\.result) == [.late, .onTime])
        #expect(report.occurrences.map(\.dueAt) == [at("2026-07-12T00:00:00Z"), at("2026-07-26T00:00:00Z")])
        #expect(report.occurrences.first?.deadline == at("2026-07-13T00:00:00Z"))
        #expect(report.occurrences.map(\.occurrence) == [.meter("run-hours", 1_250), .meter("run-hours", 1_528)])
    }
}
