import Crypto
import Foundation
import GRDB
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

    func completion(_ id: Int64, _ performedAt: String, result: CompletionResult = .pass) -> RecordDraft {
        RecordDraft(
            id: id, recordedAt: Date(), author: alice, equipment: "TW-04", task: "calibration",
            payload: .completion(
                CompletionRecord(
                    performedAt: Timestamp.parseRFC3339(performedAt)!, result: result,
                    readings: ["as-found": .number(120.4), "guard": .check(true)], note: "ok")))
    }

    @discardableResult
    func append(_ draft: RecordDraft) throws -> StoredRecord { try store.append([draft])[0] }

    @Test func recordsAreChainedAndReadBackAsWritten() throws {
        let first = try append(completion(1, "2026-11-20T06:00:00Z"))
        let second = try append(completion(2, "2026-11-21T06:00:00Z"))
        #expect(first.id == 1 && second.id == 2)
        #expect(first.previousHash == MaintenanceStore.genesisHash)
        #expect(second.previousHash == first.hash)
        #expect(try store.allRecords() == [first, second])
        #expect(try store.verify() == HistoryVerification(records: 2, problem: nil))
    }

    @Test func recordsDecidedAgainstAnOlderHistoryAreRefusedWhole() throws {
        try append(completion(1, "2026-11-20T06:00:00Z"))
        #expect(throws: StoreError.self) {
            try store.append([completion(2, "2026-11-21T06:00:00Z"), completion(2, "2026-11-22T06:00:00Z")])
        }
        #expect(try store.lastId() == 1)
    }

    @Test func theDatabaseRefusesUpdatesAndDeletes() throws {
        try append(completion(1, "2026-11-20T06:00:00Z"))
        let update = try sqlite("UPDATE records SET recorded_by = 'mallory' WHERE id = 1;")
        #expect(update.contains("append-only"))
        let delete = try sqlite("DELETE FROM records;")
        #expect(delete.contains("append-only"))
        #expect(try store.verify().problem == nil)
    }

    @Test func verificationFindsAnEditedRow() throws {
        for day in 20...24 { try append(completion(Int64(day - 19), "2026-11-\(day)T06:00:00Z")) }
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
        for day in 20...23 { try append(completion(Int64(day - 19), "2026-11-\(day)T06:00:00Z")) }
        _ = try sqlite("DROP TRIGGER records_are_never_deleted; DELETE FROM records WHERE id = 2;")
        #expect(try store.verify().problem?.hasPrefix("record 2 is missing") == true)
    }

    @Test func historySurvivesReopening() throws {
        try append(completion(1, "2026-11-20T06:00:00Z"))
        let reopened = try MaintenanceStore(path: store.path)
        #expect(try reopened.allRecords().count == 1)
        #expect(try reopened.verify().problem == nil)
    }

    @Test func recordsFilterByEveryIdATaskWasStoredUnder() throws {
        try append(completion(1, "2026-11-20T06:00:00Z"))
        var renamed = completion(2, "2026-11-21T06:00:00Z")
        renamed.equipment = "TW-4"
        try append(renamed)
        let keys = [TaskKey(equipment: "TW-04", task: "calibration"), TaskKey(equipment: "TW-4", task: "calibration")]
        #expect(try store.records(kinds: [.completion], tasks: keys, limit: 10).map(\.id) == [2, 1])
        #expect(try store.records(kinds: [.completion], equipment: ["TW-4"], limit: 10).map(\.id) == [2])
    }

    /// A record of tasks first seen together, or of announcements made together, is about every task it lists: a
    /// task's or a machine's records include it, and another's do not (more than 64 tasks go to SQLite as JSON).
    @Test func recordsOfTasksTogetherAreFoundByEachTaskTheyList() throws {
        let daemon = RecordAuthor.daemon(uid: 0)
        let listed = [TaskKey(equipment: "P1", task: "grease"), TaskKey(equipment: "P2", task: "belt")]
        let note = NotificationRecord(event: .due, occurrence: "o", state: .due, message: "due")
        try store.append([
            RecordDraft(
                id: 1, recordedAt: Date(), author: daemon, equipment: nil, task: nil,
                payload: .firstSeen(FirstSeenRecord(at: Date(), tasks: listed))),
            RecordDraft(
                id: 2, recordedAt: Date(), author: daemon, equipment: nil, task: nil,
                payload: .announcements(
                    AnnouncementsRecord(entries: [.init(task: listed[1], notification: note)]))),
            RecordDraft(
                id: 3, recordedAt: Date(), author: daemon, equipment: "P3", task: "grease",
                payload: .firstSeen(FirstSeenRecord(at: Date()))),
        ])
        let ledger: [RecordKind] = [.firstSeen, .notification]
        func ids(_ tasks: [TaskKey]) throws -> [Int64] {
            try store.records(kinds: ledger, tasks: tasks, limit: 10).map(\.id)
        }
        #expect(try ids([listed[0]]) == [1])
        #expect(try ids([listed[1]]) == [2, 1])
        #expect(try ids([TaskKey(equipment: "P3", task: "grease")]) == [3])
        #expect(try ids([TaskKey(equipment: "P1", task: "belt")]) == [])
        let many = (0..<100).map { TaskKey(equipment: "X\($0)", task: "t") } + [listed[1]]
        #expect(try ids(many) == [2, 1])
        #expect(try store.records(kinds: ledger, equipment: ["P2"], limit: 10).map(\.id) == [2, 1])
        #expect(try store.records(kinds: ledger, equipment: ["P1"], limit: 10).map(\.id) == [1])
        #expect(try store.records(kinds: [.completion], equipment: ["P2"], limit: 10).isEmpty)
        #expect(try store.allRecords().map(\.payload.kind) == [.firstSeen, .notification, .firstSeen])
        #expect(try store.verify().problem == nil)
    }

    /// A history file written by the first release (schema v1, payloads without occurrences) still loads, verifies,
    /// and takes records of the new kinds after the named migration.
    @Test func aFirstReleaseHistoryStillLoadsAfterTheMigration() throws {
        let path = directory.appendingPathComponent("v1.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1-append-only-records');
                    CREATE TABLE records (id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('completion',
                        'correction', 'meter-reading', 'deferral', 'skip', 'config-revision', 'notification',
                        'first-seen')), recorded_at INTEGER NOT NULL, recorded_by TEXT NOT NULL,
                        recorded_uid INTEGER NOT NULL, equipment TEXT, task TEXT, corrects INTEGER REFERENCES records(id),
                        payload TEXT NOT NULL, previous_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE);
                    CREATE INDEX records_by_task ON records(equipment, task, kind);
                    CREATE TRIGGER records_are_never_updated BEFORE UPDATE ON records
                    BEGIN SELECT RAISE(ABORT, 'history is append-only: records cannot be changed'); END;
                    CREATE TRIGGER records_are_never_deleted BEFORE DELETE ON records
                    BEGIN SELECT RAISE(ABORT, 'history is append-only: records cannot be deleted'); END;
                    """)
            let rows: [(String, String)] = [
                (
                    "completion",
                    #"{"note":"ok","outOfTolerance":[],"performedAt":1763618400000000,"readings":{"as-found":120.4},"result":"pass"}"#
                ),
                (
                    "deferral",
                    #"{"occurrence":"2026-11-20T05:00:00Z","reason":"line running","until":1763704800000000}"#
                ),
            ]
            var previous = MaintenanceStore.genesisHash
            for (index, (kind, payload)) in rows.enumerated() {
                let id = Int64(index + 1)
                let hash = MaintenanceStore.hash(
                    key: nil, id: id, kind: kind, recordedAt: 1_763_618_400_000_000, user: "alice", uid: 1001,
                    equipment: "TW-04", task: "calibration", corrects: nil, payload: payload, signature: nil,
                    previousHash: previous)
                try db.execute(
                    sql: "INSERT INTO records VALUES (?, ?, ?, 'alice', 1001, 'TW-04', 'calibration', NULL, ?, ?, ?)",
                    arguments: [id, kind, 1_763_618_400_000_000, payload, previous, hash])
                previous = hash
            }
        }
        try queue.close()

        let migrated = try MaintenanceStore(path: path)
        let records = try migrated.allRecords()
        #expect(records.count == 2)
        guard case .completion(let completion) = records[0].payload else {
            Issue.record("not a completion: \(records[0].payload)")
            return
        }
        #expect(completion.readings == ["as-found": .number(120.4)])
        #expect(completion.occurrence == nil && completion.findings.isEmpty)
        guard case .deferral(let deferral) = records[1].payload else {
            Issue.record("not a deferral: \(records[1].payload)")
            return
        }
        #expect(deferral.occurrence == .instant(Timestamp.parseRFC3339("2026-11-20T05:00:00Z")!))
        #expect(try migrated.verify() == HistoryVerification(records: 2, problem: nil))
        // The new kinds are accepted now, and the table is still append-only.
        let cancellation = RecordDraft(
            id: 3, recordedAt: Date(), author: alice, equipment: "TW-04", task: "calibration", corrects: 2,
            payload: .deferralCancellation(DeferralCancellationRecord(reason: "line stopped after all")))
        #expect(try migrated.append([cancellation]).count == 1)
        #expect(try sqlite("DELETE FROM records;", on: path).contains("append-only"))
        #expect(try migrated.verify() == HistoryVerification(records: 3, problem: nil))
    }

    @Test func signaturesAreStoredCoveredByTheChainAndCannotBeForgedOrStripped() throws {
        let signer = RecordAuthor(user: "alice", uid: 1001, name: "Alice Åberg")
        var signed = completion(1, "2026-11-20T06:00:00Z")
        signed.author = signer
        signed.meaning = .performed
        let review = RecordDraft(
            id: 2, recordedAt: Date(), author: RecordAuthor(user: "rita", uid: 1004, name: "Rita Reviewer"),
            equipment: "TW-04", task: "calibration", corrects: 1,
            payload: .review(ReviewRecord(verdict: .rejected, reason: "no certificate")), meaning: .reviewed)
        let unsigned = completion(3, "2026-11-21T06:00:00Z")
        try store.append([signed, review, unsigned])
        let read = try store.allRecords()
        #expect(read.map(\.meaning) == [.performed, .reviewed, nil])
        #expect(read.map(\.author.name) == ["Alice Åberg", "Rita Reviewer", nil])
        #expect(read[1].payload == .review(ReviewRecord(verdict: .rejected, reason: "no certificate")))
        #expect(try sqlite("SELECT signed_name, meaning FROM records WHERE id = 1;") == "Alice Åberg|performed\n")
        #expect(try store.verify().problem == nil)
        // A name and a meaning go together; an unknown meaning is refused by the table itself.
        _ = try sqlite("DROP TRIGGER records_are_never_updated;")
        #expect(try sqlite("UPDATE records SET meaning = 'witnessed' WHERE id = 1;").contains("CHECK constraint"))
        #expect(try sqlite("UPDATE records SET meaning = NULL WHERE id = 1;").contains("CHECK constraint"))
        // Forging the printed name, or stripping the signature, breaks the record's link.
        _ = try sqlite("UPDATE records SET signed_name = 'Bob Boss' WHERE id = 2;")
        #expect(try store.verify().problem?.hasPrefix("record 2 (review TW-04 calibration) was altered") == true)
        _ = try sqlite("UPDATE records SET signed_name = 'Rita Reviewer' WHERE id = 2;")
        #expect(try store.verify().problem == nil)
        _ = try sqlite("UPDATE records SET signed_name = NULL, meaning = NULL WHERE id = 1;")
        #expect(try store.verify().problem?.hasPrefix("record 1 (completion TW-04 calibration) was altered") == true)
    }

    /// A link is the digest of the record's fields joined by NUL, whether they are fed one by one or joined first:
    /// histories written by earlier versions (which joined them) still verify.
    @Test(arguments: [
        [], [""], ["maintd-record-v1", "1", "completion", "", "é 🛠", "x\u{0}y"], ["a", "", "", "b"],
        [String(repeating: "large ", count: 200_000), "tail"],
    ])
    func aLinkIsTheDigestOfTheFieldsJoinedByNUL(fields: [String]) throws {
        let joined = Array(fields.joined(separator: "\u{0}").utf8)
        let sha256 = Digest.hex(SHA256.hash(data: joined))
        let key = SymmetricKey(size: .bits256)
        #expect(Digest.digest(ofFieldsJoinedByNUL: fields, key: nil) == sha256)
        #expect(
            Digest.digest(ofFieldsJoinedByNUL: fields, key: key)
                == Digest.hex(HMAC<SHA256>.authenticationCode(for: joined, using: key)))
        #expect(Digest.digest(ofFieldsJoinedByNUL: fields + ["more"], key: nil) != sha256)
        // A configuration's content hash: its files' paths and contents, each followed by a NUL, as one buffer was.
        let parts: [[UInt8]] = fields.map { Array($0.utf8) }
        let material: [UInt8] = parts.flatMap { $0 + [0] }
        #expect(Digest.sha256(ofPartsJoinedByNUL: parts + [[]]) == Digest.hex(SHA256.hash(data: material)))
    }

    /// Someone who can write the database but has not the key rewrites a record and recomputes every link after it,
    /// as the first release's plain SHA-256 chain allowed: the keyed chain names the record.
    @Test func aChainRecomputedWithoutTheKeyDoesNotVerify() throws {
        try append(completion(1, "2026-11-19T06:00:00Z"))  // written before the key: plain SHA-256
        store.useKey(.random(keyedFrom: 2))
        for day in 20...23 { try append(completion(Int64(day - 18), "2026-11-\(day)T06:00:00Z")) }
        #expect(try store.verify() == HistoryVerification(records: 5, problem: nil))
        // Forge: record 3 becomes a failure; every link from it on recomputed the only way open to the forger.
        let rows = try store.allRecords()
        var previous = rows[1].hash
        var script = "DROP TRIGGER records_are_never_updated;"
        for record in rows[2...] {
            let payload = try record.payload.encoded().replacingOccurrences(
                of: "\"pass\"", with: record.id == 3 ? "\"fail\"" : "\"pass\"")
            let hash = MaintenanceStore.hash(
                key: nil, id: record.id, kind: record.kind.rawValue,
                recordedAt: record.recordedAt.microsecondsSinceEpoch,
                user: record.author.user, uid: record.author.uid, equipment: record.equipment, task: record.task,
                corrects: record.corrects, payload: payload,
                signature: record.meaning.map { Signature(name: record.author.printedName, meaning: $0) },
                previousHash: previous)
            script +=
                "UPDATE records SET payload = '\(payload)', previous_hash = '\(previous)', hash = '\(hash)' WHERE id = \(record.id);"
            previous = hash
        }
        _ = try sqlite(script)
        let result = try store.verify()
        #expect(result.records == 2)
        #expect(result.problem?.contains("record 3 (completion TW-04 calibration) was altered") == true, "\(result)")
        #expect(result.problem?.contains("keyed hash (HMAC") == true)
        // Without the key nothing newer than the key's start verifies, and a keyed history is not taken for plain.
        #expect(try store.newestRecordIsUnkeyed() == true)  // the forger's chain is plain: only the key tells
    }

    @Test func theKeyFileIsPrivateAndNeverReplaced() throws {
        let path = directory.appendingPathComponent("history.key").path
        let created = try HistoryKey.loadOrCreate(at: path, nextRecordId: 7)
        #expect(created.keyedFrom == 7)
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        let again = try HistoryKey.loadOrCreate(at: path, nextRecordId: 99)
        #expect(again.keyedFrom == 7)
        try "maintd history key 1\nkeyed-from 1\nzz\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: StoreError.self) { try HistoryKey.load(at: path) }
    }

    /// Runs SQL with the sqlite3 command line tool against a file (the store's by default); returns what it printed.
    func sqlite(_ sql: String, on path: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path ?? store.path, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
