import Foundation
import MaintenanceCore
import Testing

@testable import MaintenanceStore

/// The history on a real, temporary SQLite file.
struct MaintenanceStoreTests {
    let directory: URL
    let store: MaintenanceStore
    let alice = RecordAuthor(user: "alice", uid: 1001)

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-store-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try MaintenanceStore(path: directory.appendingPathComponent("history.sqlite").path)
    }

    func completion(_ performedAt: String, result: String = "pass") -> RecordDraft {
        RecordDraft(
            recordedAt: Date(), author: alice, equipment: "TW-04", task: "calibration",
            payload: .completion(
                CompletionRecord(
                    performedAt: Timestamp.parseRFC3339(performedAt)!, result: result, readings: ["as-found": 120.4],
                    note: "ok", outOfTolerance: [])))
    }

    @Test func recordsAreChainedAndReadBackAsWritten() throws {
        let first = try store.append(completion("2026-11-20T06:00:00Z"))
        let second = try store.append(completion("2026-11-21T06:00:00Z"))
        #expect(first.id == 1 && second.id == 2)
        #expect(first.previousHash == MaintenanceStore.genesisHash)
        #expect(second.previousHash == first.hash)
        #expect(try store.allRecords() == [first, second])
        #expect(try store.verify() == HistoryVerification(records: 2, problem: nil))
    }

    @Test func theDatabaseRefusesUpdatesAndDeletes() throws {
        try store.append(completion("2026-11-20T06:00:00Z"))
        let update = try sqlite("UPDATE records SET recorded_by = 'mallory' WHERE id = 1;")
        #expect(update.contains("append-only"))
        let delete = try sqlite("DELETE FROM records;")
        #expect(delete.contains("append-only"))
        #expect(try store.verify().problem == nil)
    }

    @Test func verificationFindsAnEditedRow() throws {
        for day in 20...24 { try store.append(completion("2026-11-\(day)T06:00:00Z")) }
        // Someone with the file drops the guard and edits a result.
        _ = try sqlite(
            "DROP TRIGGER records_are_never_updated; UPDATE records SET payload = replace(payload, '\"pass\"', '\"fail\"') WHERE id = 3;"
        )
        let result = try store.verify()
        #expect(result.records == 2)
        #expect(
            result.problem == "record 3 (completion TW-04 calibration) was altered: its contents do not match its hash")
    }

    @Test func verificationFindsADeletedRow() throws {
        for day in 20...23 { try store.append(completion("2026-11-\(day)T06:00:00Z")) }
        _ = try sqlite("DROP TRIGGER records_are_never_deleted; DELETE FROM records WHERE id = 2;")
        #expect(try store.verify().problem?.hasPrefix("record 2 is missing") == true)
    }

    @Test func correctionsSupersedeWithoutChangingTheOriginal() throws {
        let original = try store.append(completion("2026-11-20T06:00:00Z"))
        let corrected = CompletionRecord(
            performedAt: Timestamp.parseRFC3339("2026-11-19T06:00:00Z")!, result: "pass", readings: ["as-found": 120.1],
            note: "wrong day entered", outOfTolerance: [])
        try store.append(
            RecordDraft(
                recordedAt: Date(), author: alice, equipment: "TW-04", task: "calibration", corrects: original.id,
                payload: .correction(CorrectionRecord(reason: "typo in the date", replacement: corrected))))
        #expect(try store.record(original.id) == original)
        #expect(try store.effectiveCompletion(original.id) == corrected)
        let history = try store.loadHistory().history
        #expect(
            history.completions[TaskKey(equipment: "TW-04", task: "calibration")]?.map(\.performedAt)
                == [Timestamp.parseRFC3339("2026-11-19T06:00:00Z")!])
    }

    @Test func aWithdrawnCompletionNoLongerCounts() throws {
        let original = try store.append(completion("2026-11-20T06:00:00Z"))
        try store.append(
            RecordDraft(
                recordedAt: Date(), author: alice, equipment: "TW-04", task: "calibration", corrects: original.id,
                payload: .correction(CorrectionRecord(reason: "recorded on the wrong wrench", replacement: nil))))
        #expect(
            try store.loadHistory().history.completions[TaskKey(equipment: "TW-04", task: "calibration")] ?? [] == [])
    }

    @Test func theLedgerRebuildsTheLastAnnouncementPerTask() throws {
        let key = TaskKey(equipment: "TW-04", task: "calibration")
        for (event, state) in [("upcoming", "upcoming"), ("due", "due"), ("overdue", "overdue")] {
            try store.append(
                RecordDraft(
                    recordedAt: Date(), author: .daemon(uid: 0), equipment: key.equipment, task: key.task,
                    payload: .notification(
                        NotificationRecord(event: event, occurrence: "2026-11-20T05:00:00Z", state: state, message: "m")
                    )))
        }
        let marks = try store.loadHistory().marks
        #expect(marks[key]?.state == .overdue)
        #expect(marks[key]?.occurrence == "2026-11-20T05:00:00Z")
    }

    @Test func historySurvivesReopening() throws {
        try store.append(completion("2026-11-20T06:00:00Z"))
        let reopened = try MaintenanceStore(path: store.path)
        #expect(try reopened.allRecords().count == 1)
        #expect(try reopened.verify().problem == nil)
    }

    /// Runs SQL with the sqlite3 command line tool against the store's file; returns what it printed.
    func sqlite(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [store.path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
