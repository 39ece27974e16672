import Foundation
import MaintenanceCore
import Testing

/// The counters metrics read: completions (failed ones too), failed completions and findings, counted as records
/// come in and again on replay, never lowered by a correction.
struct RecordTotalsTests {
    @Test func totalsCountEveryCompletionAndSurviveARestart() throws {
        var plant = Plant(
            configuration: try loadConfiguration(FollowUpTests.text), contentHash: "test", records: [],
            daemon: .daemon(uid: 0))
        var records = plant.start(now: at("2026-11-24T07:00:00Z")).records
        func complete(
            _ task: String, _ readings: [String: ReadingValue] = [:], steps: [String: String] = [:]
        ) throws
            -> Int64?
        {
            let outcome = try plant.execute(
                .complete(
                    CompletionRequest(
                        task: TaskReference(equipment: "P1", task: task), readings: readings, steps: steps)),
                by: FollowUpTests.alice, now: at("2026-11-24T08:00:00Z"))
            records += outcome.records
            return outcome.answer?.record
        }
        #expect(plant.recordTotals == RecordTotals())
        _ = try complete("service", steps: ["guard": "pass"])
        let failed = try complete("gauge", ["as-found": .number(10.0), "as-left": .number(10.5)])
        // Found out of limits, adjusted: a pass with one finding.
        _ = try complete("gauge", ["as-found": .number(10.4), "as-left": .number(10.0)])
        var expected = RecordTotals()
        expected.completions = 3
        expected.failedCompletions = 1
        expected.findings = 1
        #expect(plant.recordTotals == expected)

        // A correction of the failed one changes no counter.
        let correction = try plant.execute(
            .correct(
                CorrectionRequest(
                    record: try #require(failed), reason: "typo",
                    readings: ["as-found": .number(10.0), "as-left": .number(10.05)])),
            by: FollowUpTests.alice, now: at("2026-11-24T08:30:00Z"))
        records += correction.records
        #expect(plant.recordTotals == expected)

        let restarted = Plant(
            configuration: try loadConfiguration(FollowUpTests.text), contentHash: "test",
            records: records.map { $0.stored(previousHash: "", hash: "") }, daemon: .daemon(uid: 0))
        #expect(restarted.recordTotals == expected)
    }
}
