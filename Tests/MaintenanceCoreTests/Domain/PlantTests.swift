import Foundation
import MaintenanceCore
import Testing

/// The maintenance rules, driven through the Plant with explicit instants (a fake clock) and checked on what it
/// decides: records, events, answers and refusals. Instants are worked out by hand in the fixture's comments.
struct PlantTests: PlantDriving {
    let now = at("2026-11-24T08:00:00Z")  // Tue 09:00 site time
    var plant: Plant
    var records: [StoredRecord]
    let calibrationKey = TaskKey(equipment: "TW-04", task: "calibration")
    let greaseKey = TaskKey(equipment: "P1", task: "grease")

    init() {
        (plant, records) = PlantFixture.started(at: at("2026-11-24T08:00:00Z"))
    }

    func completion(_ outcome: Outcome) -> CompletionRecord? {
        for record in outcome.records {
            if case .completion(let value) = record.payload { return value }
            if case .correction(let value) = record.payload { return value.replacement }
        }
        return nil
    }

    func complete(
        _ task: TaskReference = PlantFixture.calibration, readings: [String: ReadingValue] = PlantFixture.good,
        at: String? = nil, result: String? = nil
    ) -> MaintenanceCommand {
        .complete(CompletionRequest(task: task, performedAt: at, result: result, readings: readings))
    }

    // MARK: What a completion satisfied

    @Test mutating func aCompletionStatesTheOccurrenceItSatisfiedAndWhetherOnTime() throws {
        let outcome = try run(complete())
        let record = try #require(completion(outcome))
        #expect(record.occurrence == .instant(at("2026-11-20T05:00:00Z")))
        #expect(record.dueAt == at("2026-11-20T05:00:00Z"))
        #expect(record.overdueAt == at("2026-11-27T05:00:00Z"))
        #expect(record.onTime == true)
        // The grid stays anchored: the next occurrence is a year after the previous one, not after the completion.
        #expect(plant.statuses[calibrationKey]?.dueAt == at("2027-11-20T05:00:00Z"))
    }

    @Test mutating func aLateCompletionIsRecordedAsLate() throws {
        // The weekly guard check was due 11-09 05:00Z and overdue from 11-10 05:00Z; done 11-10 at 06:00Z.
        let record = try #require(
            completion(try run(complete(PlantFixture.guardCheck, readings: [:], at: "2026-11-10T06:00:00Z"))))
        #expect(record.occurrence == .instant(at("2026-11-09T05:00:00Z")))
        #expect(record.overdueAt == at("2026-11-10T05:00:00Z"))
        #expect(record.onTime == false)
    }

    @Test mutating func workInTheWindowOfALaterGridOccurrenceIsForThatOne() throws {
        // Nobody did the guard check due 11-09; work on 11-16 at 06:00Z falls in the window of the one due 11-16
        // 05:00Z (overdue 11-17 05:00Z): it is for that one, on time, as the schedule counts it (next due 11-23).
        let record = try #require(
            completion(try run(complete(PlantFixture.guardCheck, readings: [:], at: "2026-11-16T06:00:00Z"))))
        #expect(record.occurrence == .instant(at("2026-11-16T05:00:00Z")))
        #expect(record.dueAt == at("2026-11-16T05:00:00Z"))
        #expect(record.overdueAt == at("2026-11-17T05:00:00Z"))
        #expect(record.onTime == true)
        #expect(plant.statuses[TaskKey(equipment: "P1", task: "guard")]?.dueAt == at("2026-11-23T05:00:00Z"))
        // Done now, a day after 11-23's overdue instant: late for the occurrence of 11-23.
        let now = try #require(completion(try run(complete(PlantFixture.guardCheck, readings: [:]))))
        #expect(now.occurrence == .instant(at("2026-11-23T05:00:00Z")))
        #expect(now.onTime == false)
    }

    @Test mutating func everythingACommandProducesIsOneBatchOfConsecutiveRecords() throws {
        let first = plant.nextRecordId
        let outcome = try run(
            complete(readings: ["as-found": .number(120), "as-left": .number(126), "seal": .check(true)]))
        #expect(outcome.records.map(\.id) == Array(first..<(first + Int64(outcome.records.count))))
        #expect(outcome.records.first?.payload.kind == .completion)
        #expect(outcome.answer?.record == first)
        #expect(plant.nextRecordId == first + Int64(outcome.records.count))
    }

    // MARK: Failed work

    @Test mutating func aFailedCompletionIsDueAtOnceForARetestAndKeepsTheEquipmentOutOfTolerance() throws {
        let failed = try run(
            complete(readings: ["as-found": .number(120), "as-left": .number(126), "seal": .check(true)]))
        #expect(completion(failed)?.result == .fail)
        #expect(failed.answer?.failedReadings == ["as-left"])
        #expect(failed.events.map(\.kind).contains(.outOfTolerance))
        var status = try #require(plant.statuses[calibrationKey])
        #expect(status.state == .due)
        #expect(status.awaitingRetest?.id == failed.answer?.record)
        #expect(plant.outOfTolerance.contains(calibrationKey))
        #expect(plant.isOutOfTolerance(equipment: "TW-04"))

        try run(complete(), at: now + 3_600)
        status = try #require(plant.statuses[calibrationKey])
        #expect(status.state == .scheduled)
        #expect(status.awaitingRetest == nil)
        #expect(!plant.outOfTolerance.contains(calibrationKey))
    }

    @Test mutating func aFailedCheckOnAScheduledTaskMakesItDueNow() throws {
        #expect(plant.statuses[greaseKey]?.state == .scheduled)
        try run(complete(PlantFixture.grease, readings: [:], result: "fail"))
        #expect(plant.statuses[greaseKey]?.state == .due)
        #expect(plant.statuses[greaseKey]?.dueAt == now)
    }

    @Test mutating func aBackDatedFailureDoesNotUndoALaterPass() throws {
        try run(complete())
        try run(
            complete(
                readings: ["as-found": .number(120), "as-left": .number(126), "seal": .check(true)],
                at: "2026-11-23T06:00"))
        #expect(plant.statuses[calibrationKey]?.state == .scheduled)
        #expect(plant.statuses[calibrationKey]?.awaitingRetest == nil)
        #expect(!plant.outOfTolerance.contains(calibrationKey))
    }

    // MARK: Readings

    @Test mutating func anAsFoundReadingOutsideLimitsIsAFindingNotAFailure() throws {
        let outcome = try run(
            complete(readings: ["as-found": .number(130), "as-left": .number(120.2), "seal": .check(true)]))
        let record = try #require(completion(outcome))
        #expect(record.result == .pass)
        #expect(record.findings == ["as-found"])
        let finding = try #require(outcome.events.first { $0.kind == .finding })
        #expect(finding.kind.priority == 3)
        #expect(finding.message.contains("as-found = 130 N·m (min 115.2, max 124.8)"))
        #expect(!plant.outOfTolerance.contains(calibrationKey))
    }

    @Test mutating func aFailedCheckFailsTheWork() throws {
        let outcome = try run(
            complete(readings: ["as-found": .number(120), "as-left": .number(120), "seal": .check(false)]))
        #expect(completion(outcome)?.result == .fail)
        #expect(outcome.answer?.failedReadings == ["seal"])
    }

    @Test(arguments: [
        (["seal": ReadingValue.number(1)], "readings.seal", "a check: record pass or fail"),
        (["as-left": .check(true)], "readings.as-left", "expected a number in N·m"),
        (["as-left": .number(1e308)], "readings.as-left", "not a plausible reading"),
        (["torque": .number(1)], "readings.torque", "unknown reading; this task records: as-found, as-left"),
    ])
    mutating func readingsOfTheWrongKindAreRefused(
        readings: [String: ReadingValue], parameter: String, message: String
    ) {
        var all = PlantFixture.good
        all.merge(readings) { $1 }
        let plant = plant
        let refused = refusal { () throws(MaintenanceRefusal) in
            var copy = plant
            _ = try copy.execute(complete(readings: all), by: PlantFixture.alice, now: now)
        }
        guard case .invalidParameter(let name, let text)? = refused?.reason else {
            Issue.record("expected an invalid parameter, got \(String(describing: refused))")
            return
        }
        #expect(name == parameter)
        #expect(text.contains(message))
    }

    @Test mutating func aPassNeedsEveryRequiredReadingButAFailureDoesNot() throws {
        let refused = refusal { () throws(MaintenanceRefusal) in
            try run(complete(readings: ["as-found": .number(120), "seal": .check(true)]))
        }
        #expect(
            refused?.reason
                == .invalidParameter(
                    "readings.as-left",
                    "missing: a passing calibration records as-found, as-left, seal (or record it as failed)"))
        // The optional temperature is not needed; a failure may be recorded with what was taken.
        try run(complete(readings: ["as-found": .number(120)], result: "fail"))
        #expect(plant.statuses[calibrationKey]?.awaitingRetest != nil)
    }

    // MARK: Corrections

    @Test mutating func aCorrectionIsHeldToTheRulesOfACompletion() throws {
        let failed = try run(
            complete(readings: ["as-found": .number(120), "as-left": .number(162), "seal": .check(true)]))
        let id = try #require(failed.answer?.record)
        // Asking for a pass while a reading is outside its limits is refused, not stored as something else.
        let refused = refusal { () throws(MaintenanceRefusal) in
            try run(.correct(CorrectionRequest(record: id, reason: "typo", result: "pass")))
        }
        guard case .invalidParameter("result", let message)? = refused?.reason else {
            Issue.record("expected a refusal of the result, got \(String(describing: refused))")
            return
        }
        #expect(message.contains("as-left = 162 N·m"))
        // Correcting the typo passes it, and what is stored says so.
        var corrected = PlantFixture.good
        corrected["as-left"] = .number(116.2)
        let outcome = try run(.correct(CorrectionRequest(record: id, reason: "typo: 116.2", readings: corrected)))
        #expect(completion(outcome)?.result == .pass)
        #expect(plant.statuses[calibrationKey]?.state == .scheduled)
        #expect(!plant.outOfTolerance.contains(calibrationKey))
    }

    @Test mutating func aTechnicianCorrectsOnlyTheirOwnRecordsAndTheRefusalNamesTheLeadsGroup() throws {
        let id = try #require(try run(complete()).answer?.record)
        let refused = refusal { () throws(MaintenanceRefusal) in
            try run(.correct(CorrectionRequest(record: id, reason: "wrong", withdraw: true)), as: PlantFixture.bob)
        }
        guard case .permissionDenied(_, "bob", .technician, .lead, let groups)? = refused?.reason else {
            Issue.record("expected a permission refusal, got \(String(describing: refused))")
            return
        }
        #expect(groups == ["shift-leads"])
        try run(.correct(CorrectionRequest(record: id, reason: "wrong wrench", withdraw: true)), as: PlantFixture.lena)
        #expect(plant.statuses[calibrationKey]?.state == .due)
    }

    // MARK: Deferrals

    @Test mutating func aDeferralPostponesWithinItsBoundsAndALeadCanCancelIt() throws {
        // Greasing is due 11-30 06:00 site time and may be deferred by at most 3 days.
        let early = refusal { () throws(MaintenanceRefusal) in
            try run(.deferOccurrence(PlantFixture.grease, until: "2026-11-29T06:00", reason: "line busy"))
        }
        #expect(early?.description.contains("is not after the occurrence's due time 2026-11-30 06:00") == true)
        let late = refusal { () throws(MaintenanceRefusal) in
            try run(.deferOccurrence(PlantFixture.grease, until: "2026-12-04T06:00", reason: "line busy"))
        }
        #expect(late?.description.contains("at most 3d past its due time, until 2026-12-03 06:00") == true)

        let deferral = try run(.deferOccurrence(PlantFixture.grease, until: "2026-12-02T06:00", reason: "line busy"))
        #expect(plant.statuses[greaseKey]?.state == .deferred)
        let cancelled = try run(.cancelDeferral(PlantFixture.grease, reason: "line stops after all"))
        #expect(cancelled.records.first?.corrects == deferral.answer?.record)
        #expect(plant.statuses[greaseKey]?.state == .scheduled)
        #expect(plant.statuses[greaseKey]?.deferral == nil)
        let again = refusal { () throws(MaintenanceRefusal) in
            try run(.cancelDeferral(PlantFixture.grease, reason: "twice"))
        }
        #expect(again?.reason == .invalidParameter("task", "P1/grease is not deferred"))
    }

    @Test mutating func workThatMustBeDoneOnTimeCannotBeDeferredOrSkipped() {
        for command in [
            MaintenanceCommand.deferOccurrence(PlantFixture.guardCheck, until: "2026-11-25T06:00", reason: "r"),
            .skip(PlantFixture.guardCheck, reason: "r"),
        ] {
            let refused = refusal { () throws(MaintenanceRefusal) in try run(command, as: PlantFixture.lena) }
            #expect(refused?.description.contains("\"deferrable\": false") == true)
        }
    }

    // MARK: Meters

    @Test mutating func theFirstMeterReadingIsCheckedAndAResolutionStepIsPlausible() throws {
        for value in [900.0, 1e308, .infinity] {
            let refused = refusal { () throws(MaintenanceRefusal) in
                try run(.recordMeter(equipment: "P1", meter: "run-hours", value: value, at: nil))
            }
            guard case .meterReadingRejected? = refused?.reason else {
                Issue.record("\(value) was not rejected: \(String(describing: refused))")
                continue
            }
            #expect(refused?.announcement?.kind == .meterRejected)
        }
        // A whole-hour counter read every 15 minutes may show one more hour.
        try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1010, at: nil))
        try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1011, at: nil), at: now + 900)
        let jump = refusal { () throws(MaintenanceRefusal) in
            try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1020, at: nil), at: now + 1_800)
        }
        #expect(jump?.description.contains("at most 1.1 h per hour") == true)
    }

    @Test mutating func aLeadWithdrawsATypoSoTheMeterIsNotBlinded() throws {
        try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1010, at: nil))
        let typo = try #require(
            try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1012, at: nil), at: now + 3_600).answer?
                .record)
        let blind = refusal { () throws(MaintenanceRefusal) in
            try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1011.8, at: nil), at: now + 7_200)
        }
        #expect(blind != nil)
        try run(.correctMeterReading(record: typo, value: nil, reason: "typed 1012 for 1011"), as: PlantFixture.lena)
        try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1011.8, at: nil), at: now + 7_200)
        #expect(plant.history.readings(equipment: "P1", meter: "run-hours").map(\.value) == [1010, 1011.8])
    }

    // MARK: Times and ids

    @Test(arguments: [
        ("2024-06-01", "before TW-04 was commissioned (2025-01-15 00:00)"),
        ("0000-01-01T00:00:00Z", "not a plausible time"),
        ("2026-11-24T11:00", "is in the future"),
    ])
    mutating func implausibleTimesAreRefused(time: String, message: String) {
        let refused = refusal { () throws(MaintenanceRefusal) in try run(complete(at: time)) }
        #expect(refused?.description.contains(message) == true, "\(String(describing: refused))")
    }

    @Test mutating func unknownIdsAreRefusedAndFormerIdsResolve() throws {
        let noEquipment = refusal { () throws(MaintenanceRefusal) in
            try run(complete(TaskReference(equipment: "NOPE", task: "calibration")))
        }
        #expect(noEquipment?.reason == .noSuchEquipment("NOPE"))
        let noTask = refusal { () throws(MaintenanceRefusal) in
            try run(complete(TaskReference(equipment: "TW-04", task: "nope")))
        }
        #expect(noTask?.reason == .noSuchTask(equipment: "TW-04", task: "nope"))
        let outcome = try run(complete(TaskReference(equipment: "TW-4", task: "cal")))
        #expect(outcome.answer?.task == calibrationKey)
        #expect(outcome.records.first?.task == "calibration")
    }

    @Test func recordsUnderFormerIdsCountAfterARestart() throws {
        let old = RecordDraft(
            id: 1, recordedAt: now, author: PlantFixture.alice.author, equipment: "TW-4", task: "cal",
            payload: .completion(CompletionRecord(performedAt: now, result: .pass, readings: PlantFixture.good)))
        var restarted = Plant(
            configuration: PlantFixture.configuration, contentHash: "test", records: PlantFixture.stored([old]),
            daemon: .daemon(uid: 0))
        _ = restarted.start(now: now)
        #expect(restarted.statuses[calibrationKey]?.lastDone == now)
        #expect(restarted.statuses[calibrationKey]?.state == .scheduled)
    }

    /// A failed calibration recorded under the task's former ids keeps its machine out of tolerance after a restart
    /// and a reload; a later pass recorded under its current ids clears it.
    @Test func toleranceIsFoundAfterARestartUnderFormerIds() throws {
        let failed = RecordDraft(
            id: 1, recordedAt: now, author: PlantFixture.alice.author, equipment: "TW-4", task: "cal",
            payload: .completion(
                CompletionRecord(
                    performedAt: now, result: .fail,
                    readings: ["as-found": .number(120), "as-left": .number(126), "seal": .check(true)],
                    outOfTolerance: ["as-left"])))
        var restarted = Plant(
            configuration: PlantFixture.configuration, contentHash: "test", records: PlantFixture.stored([failed]),
            daemon: .daemon(uid: 0))
        _ = restarted.start(now: now)
        #expect(restarted.outOfTolerance == [calibrationKey])
        _ = restarted.reload(PlantFixture.configuration, contentHash: "again", requestedBy: "lena", now: now + 60)
        #expect(restarted.outOfTolerance == [calibrationKey])
        let passed = RecordDraft(
            id: 2, recordedAt: now + 120, author: PlantFixture.alice.author, equipment: "TW-04", task: "calibration",
            payload: .completion(CompletionRecord(performedAt: now + 120, result: .pass, readings: PlantFixture.good)))
        var again = Plant(
            configuration: PlantFixture.configuration, contentHash: "test",
            records: PlantFixture.stored([failed, passed]), daemon: .daemon(uid: 0))
        _ = again.start(now: now + 180)
        #expect(again.outOfTolerance.isEmpty)
    }

    /// A task is configured under its current ids only; its machine's or its own former ids name it for lookups,
    /// not as a key of its own.
    @Test func aTaskIsConfiguredUnderItsCurrentIdsOnly() {
        let configuration = PlantFixture.configuration
        #expect(configuration.hasTask(calibrationKey))
        for key in [
            TaskKey(equipment: "TW-4", task: "calibration"), TaskKey(equipment: "TW-04", task: "cal"),
            TaskKey(equipment: "TW-04", task: "nope"), TaskKey(equipment: "NOPE", task: "calibration"),
        ] {
            #expect(!configuration.hasTask(key), "\(key)")
            #expect(
                configuration.currentKey(key) == (key.task == "nope" || key.equipment == "NOPE" ? nil : calibrationKey))
        }
    }

    // MARK: Restart and reload

    @Test mutating func aPlantRebuiltFromItsRecordsIsThePlantThatMadeThem() throws {
        try run(complete(readings: ["as-found": .number(130), "as-left": .number(126), "seal": .check(true)]))
        try run(.deferOccurrence(PlantFixture.grease, until: "2026-12-02T06:00", reason: "busy"), as: PlantFixture.lena)
        try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1010, at: nil))
        var rebuilt = Plant(
            configuration: PlantFixture.configuration, contentHash: "test", records: records, daemon: .daemon(uid: 0))
        let restart = rebuilt.start(now: now)
        #expect(rebuilt.statuses == plant.statuses)
        #expect(rebuilt.outOfTolerance == plant.outOfTolerance)
        // Nothing announced before is announced again.
        #expect(restart.events.isEmpty)
    }

    @Test mutating func aReloadThatRemovesTasksWithOpenWorkOrHistorySaysSoByName() throws {
        try run(complete())
        var text = PlantFixture.text
        text = text.replacingOccurrences(of: #""formerIds": ["cal"],"#, with: "")
        text = text.replacingOccurrences(of: #""id": "calibration""#, with: #""id": "calibration-iso""#)
        text = text.replacingOccurrences(of: #""id": "guard""#, with: #""id": "light-curtain""#)
        let outcome = plant.reload(try loadConfiguration(text), contentHash: "next", requestedBy: "lena", now: now)
        let warning = try #require(outcome.events.first { $0.kind == .tasksRemoved })
        #expect(warning.kind.priority == 4)
        #expect(warning.message.contains("TW-04/calibration (1 completion in its history)"))
        #expect(warning.message.contains("P1/guard (overdue)"))
    }

    /// Configuration revisions keep the files in full the first time their content is loaded, so "which interval
    /// applied on this date" is answerable from the history alone; a restart on the same files refers to them.
    @Test func configurationRevisionsKeepTheFilesOnce() throws {
        func revision(_ outcome: Outcome) -> ConfigRevisionRecord? {
            for record in outcome.records { if case .configRevision(let value) = record.payload { return value } }
            return nil
        }
        let files = [ConfigurationText(path: "/etc/maintd/maintd.json", text: PlantFixture.text)]
        var first = Plant(
            configuration: PlantFixture.configuration, contentHash: "A", sources: files, records: [],
            daemon: .daemon(uid: 0))
        let started = first.start(now: now)
        #expect(revision(started)?.sources == files)
        var restarted = Plant(
            configuration: PlantFixture.configuration, contentHash: "A", sources: files,
            records: PlantFixture.stored(started.records), daemon: .daemon(uid: 0))
        let again = restarted.start(now: now + 60)
        #expect(revision(again)?.contentHash == "A")
        #expect(revision(again)?.sources == nil)
        let changed = [ConfigurationText(path: "/etc/maintd/maintd.json", text: PlantFixture.text + " ")]
        let reloaded = restarted.reload(
            PlantFixture.configuration, contentHash: "B", sources: changed, requestedBy: "lena", now: now + 120)
        #expect(revision(reloaded)?.sources == changed)
        // Once in a record, the files are not held by the plant as well.
        #expect(first.sources.isEmpty && restarted.sources.isEmpty)
        // A reload back to files already kept refers to them.
        let back = restarted.reload(
            PlantFixture.configuration, contentHash: "A", sources: files, requestedBy: "lena", now: now + 180)
        #expect(revision(back)?.contentHash == "A" && revision(back)?.sources == nil)
    }

    @Test func aLastDoneInTheFutureIsAConfigurationError() {
        let text = PlantFixture.text.replacingOccurrences(of: "2026-11-02T06:00", with: "2026-12-02T06:00")
        #expect(throws: ConfigurationError.self) {
            try loadConfiguration(text, now: at("2026-11-24T08:00:00Z"))
        }
        #expect((try? loadConfiguration(text)) != nil)  // without a clock, as the offline forecast reads it
    }
}
