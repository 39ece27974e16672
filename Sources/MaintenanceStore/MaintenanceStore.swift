public import Foundation
public import GRDB
public import MaintenanceCore
import Synchronization

/// The history: an append-only, hash-chained SQLite database (WAL, `synchronous=FULL`), one writer per file.
///
/// Nothing is updated or deleted (triggers refuse it); corrections are new records that name the one they correct.
/// Each record's hash covers its contents and the previous record's hash, so editing the file is detectable.
/// ``append(_:)`` returns only after the transaction is durable on disk.
public final class MaintenanceStore: Sendable {
    /// The `previous_hash` of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The file, or ":memory:" for a database in memory (tests).
    public let path: String
    let pool: any DatabaseWriter
    /// The file as it was opened, to notice it being deleted, replaced or truncated.
    let file: HistoryFile?
    /// The key the chain is kept with from ``HistoryKey/keyedFrom`` on; without one, links are plain SHA-256.
    private let chainKey = Mutex<HistoryKey?>(nil)

    /// Keys the chain from now on (the daemon, once it has read or created the key file).
    public func useKey(_ key: HistoryKey) {
        chainKey.withLock { $0 = key }
    }

    /// The key in use, if any.
    public var key: HistoryKey? { chainKey.withLock { $0 } }

    /// Opens (creating and migrating if needed) the database at `path`.
    public convenience init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Durable at commit: a record is acknowledged only once it is on disk.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        try self.init(writer: pool, path: path)
    }

    /// A history over any database (an in-memory `DatabaseQueue` in tests), migrated if needed.
    public init(writer: any DatabaseWriter, path: String = ":memory:") throws(StoreError) {
        self.path = path
        self.pool = writer
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
        file = HistoryFile(path: path)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-append-only-records") { db in
            // The kinds of the first release, as that migration created them.
            try createRecordsTable(
                db,
                kinds: [
                    "completion", "correction", "meter-reading", "deferral", "skip", "config-revision", "notification",
                    "first-seen",
                ])
        }
        // Records gained kinds (meter corrections, deferral cancellations); SQLite cannot change a CHECK constraint,
        // so the table is rebuilt with every row copied as it was (ids, payloads and hashes unchanged, so the chain
        // still verifies). Payloads of the first format are still read: their occurrences are the same text.
        migrator.registerMigration("v2-record-kinds-for-corrections-and-cancellations") { db in
            // Frozen like every migration: a later kind needs a migration of its own.
            try rebuildRecordsTable(
                db, setAsideAs: "records_v1",
                kinds: [
                    "completion", "correction", "meter-reading", "meter-correction", "deferral",
                    "deferral-cancellation",
                    "skip", "config-revision", "notification", "first-seen",
                ])
        }
        // Signatures with meaning (21 CFR 11.50): the signer's printed name and what the signature means, as columns
        // the chain covers; and reviews, a new kind. Rows are copied as they were (no signature: they predate it).
        migrator.registerMigration("v3-signatures-and-reviews") { db in
            try rebuildRecordsTable(
                db, setAsideAs: "records_v2",
                kinds: [
                    "completion", "correction", "meter-reading", "meter-correction", "deferral",
                    "deferral-cancellation", "skip", "review", "config-revision", "notification", "first-seen",
                ],
                meanings: ["performed", "reviewed", "approved", "corrected"])
        }
        return migrator
    }

    /// Rebuilds the records table with new constraints (SQLite cannot change a CHECK constraint): the old one is set
    /// aside under `name`, the new one created, every row copied as it was in id order (the first release's columns;
    /// ids, payloads and hashes unchanged, so the chain still verifies), and the old one dropped. Migrations that
    /// have run call it: change what it does only in a new function.
    private static func rebuildRecordsTable(
        _ db: Database, setAsideAs name: String, kinds: [String], meanings: [String]? = nil
    ) throws {
        try db.execute(
            sql: """
                DROP TRIGGER records_are_never_updated;
                DROP TRIGGER records_are_never_deleted;
                ALTER TABLE records RENAME TO \(name);
                DROP INDEX records_by_task;
                """)
        try createRecordsTable(db, kinds: kinds, meanings: meanings)
        try db.execute(
            sql: """
                INSERT INTO records (id, kind, recorded_at, recorded_by, recorded_uid, equipment, task, corrects,
                                     payload, previous_hash, hash)
                    SELECT id, kind, recorded_at, recorded_by, recorded_uid, equipment, task, corrects, payload,
                           previous_hash, hash FROM \(name) ORDER BY id;
                DROP TABLE \(name);
                """)
    }

    /// The records table, with its append-only triggers, accepting records of `kinds` (and, from v3, signatures).
    private static func createRecordsTable(_ db: Database, kinds: [String], meanings: [String]? = nil) throws {
        let allowed = kinds.map { "'\($0)'" }.joined(separator: ", ")
        try db.create(table: "records") { t in
            t.primaryKey("id", .integer)
            t.column("kind", .text).notNull().check(sql: "kind IN (\(allowed))")
            t.column("recorded_at", .integer).notNull()
            t.column("recorded_by", .text).notNull()
            t.column("recorded_uid", .integer).notNull()
            t.column("equipment", .text)
            t.column("task", .text)
            t.column("corrects", .integer).references("records")
            t.column("payload", .text).notNull()
            t.column("previous_hash", .text).notNull()
            t.column("hash", .text).notNull().unique()
            if let meanings {
                let allowedMeanings = meanings.map { "'\($0)'" }.joined(separator: ", ")
                t.column("signed_name", .text)
                t.column("meaning", .text).check(sql: "meaning IS NULL OR meaning IN (\(allowedMeanings))")
                // A signature is a name and a meaning together, or neither.
                t.check(sql: "(signed_name IS NULL) = (meaning IS NULL)")
            }
        }
        try db.create(index: "records_by_task", on: "records", columns: ["equipment", "task", "kind"])
        try db.execute(
            sql: """
                CREATE TRIGGER records_are_never_updated BEFORE UPDATE ON records
                BEGIN SELECT RAISE(ABORT, 'history is append-only: records cannot be changed'); END;
                CREATE TRIGGER records_are_never_deleted BEFORE DELETE ON records
                BEGIN SELECT RAISE(ABORT, 'history is append-only: records cannot be deleted'); END;
                """)
    }

    // MARK: Writing

    /// Appends several records in one durable transaction and returns them once they are on disk. Their ids must
    /// follow the last stored one: whoever decided them knew the history as it is.
    @discardableResult
    public func append(_ drafts: [RecordDraft]) throws(StoreError) -> [StoredRecord] {
        guard !drafts.isEmpty else { return [] }
        if let problem = file?.problem() { throw .historyLost(problem) }
        defer { file?.written() }
        let key = chainKey.withLock { $0 }
        do {
            return try pool.write { db in try Self.insert(drafts, key: key, into: db) }
        } catch {
            throw Self.storeError(error)
        }
    }

    /// Appends records in one durable transaction after every write already asked for, without waiting: the
    /// caller goes on (a large reload's records are written while maintd keeps serving), and `completion` gets the
    /// stored records, on the writer's queue. A write asked for later, with ``append(_:)``, comes after this one.
    public func appendLater(
        _ drafts: [RecordDraft], completion: @escaping @Sendable (Result<[StoredRecord], StoreError>) -> Void
    ) {
        guard !drafts.isEmpty else { return completion(.success([])) }
        let key = chainKey.withLock { $0 }
        let file = self.file
        pool.asyncWrite(
            { db in
                if let problem = file?.problem() { throw StoreError.historyLost(problem) }
                defer { file?.written() }
                return try Self.insert(drafts, key: key, into: db)
            },
            completion: { _, result in completion(result.mapError(Self.storeError)) })
    }

    private static func storeError(_ error: any Error) -> StoreError {
        (error as? StoreError) ?? .writeFailed(reason: "\(error)")
    }

    /// Inserts drafts after the newest record, chaining each to the one before.
    private static func insert(_ drafts: [RecordDraft], key: HistoryKey?, into db: Database) throws -> [StoredRecord] {
        // A large batch (a first start, a large reload) touches more index pages than SQLite's default cache holds:
        // it would write them out to the log and read them back again within the transaction. The cache may grow
        // for it and is given back afterwards.
        if drafts.count >= 4_096 { try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { if drafts.count >= 4_096 { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
        let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM records ORDER BY id DESC LIMIT 1")
        var id: Int64 = last?["id"] ?? 0
        var previous: String = last?["hash"] ?? Self.genesisHash
        var stored: [StoredRecord] = []
        stored.reserveCapacity(drafts.count)
        // One compiled statement for the batch (a reload appends tens of thousands of records).
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO records (id, kind, recorded_at, recorded_by, recorded_uid, equipment, task,
                                     corrects, payload, previous_hash, hash, signed_name, meaning)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let payloads = try Self.encode(drafts)
        for (draft, payload) in zip(drafts, payloads) {
            id += 1
            guard draft.id == id else { throw StoreError.outOfSequence(expected: id, got: draft.id) }
            let recordedAt = draft.recordedAt.microsecondsSinceEpoch
            let signature = draft.meaning.map { Signature(name: draft.author.printedName, meaning: $0) }
            let hash = Self.hash(
                key: key, id: id, kind: draft.payload.kind.rawValue, recordedAt: recordedAt, user: draft.author.user,
                uid: draft.author.uid, equipment: draft.equipment, task: draft.task, corrects: draft.corrects,
                payload: payload, signature: signature, previousHash: previous)
            try statement.execute(arguments: [
                id, draft.payload.kind.rawValue, recordedAt, draft.author.user, Int64(draft.author.uid),
                draft.equipment, draft.task, draft.corrects, payload, previous, hash, signature?.name,
                signature?.meaning,
            ])
            // Read back, instants have microsecond precision: return them as they will be read.
            var written = draft
            written.recordedAt = Date(microsecondsSinceEpoch: recordedAt)
            written.author.name = signature?.name
            stored.append(written.stored(previousHash: previous, hash: hash))
            previous = hash
        }
        // The cached statement remembers its last arguments (GRDB keeps them; SQLite's bindings are cleared): after a
        // large batch, a first start's configuration text and announcements, that held 10 MiB at 100,000 tasks until
        // the next write. Drop the cached statements, and the pages SQLite cached for the batch.
        if payloads.reduce(0, { $0 + $1.utf8.count }) >= Self.largeBatchBytes { db.releaseMemory() }
        return stored
    }

    /// Payload bytes from which a batch's memory is given back as soon as it is written.
    static let largeBatchBytes = 1 << 20

    /// Every draft's payload as stored, encoded on every core when there are many (a large first start or reload
    /// writes 100,000 records or more; their chain links must still be made one after another).
    private static func encode(_ drafts: [RecordDraft]) throws -> [String] {
        try drafts.concurrentMap { draft in Result { try draft.payload.encoded() } }.map { try $0.get() }
    }

    /// The id of the newest record (0 when empty).
    public func lastId() throws(StoreError) -> Int64 {
        do {
            return try pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM records") ?? 0 }
        } catch {
            throw .readFailed(reason: "\(error)")
        }
    }

    // MARK: Reading

    /// Every record in order.
    public func allRecords() throws(StoreError) -> [StoredRecord] {
        let records = try fetch(sql: "SELECT \(Self.columns) FROM records ORDER BY id", arguments: [])
        (pool as? DatabasePool)?.releaseMemory()
        return records
    }

    /// One record.
    public func record(_ id: Int64) throws(StoreError) -> StoredRecord {
        guard let record = try fetch(sql: "SELECT \(Self.columns) FROM records WHERE id = ?", arguments: [id]).first
        else {
            throw .unknownRecord(id)
        }
        return record
    }

    /// Records matching a filter, newest first. `equipment` and `tasks` list every id a machine or task was stored
    /// under (current and former ids); `tasks` wins when both are given.
    public func records(
        kinds: [RecordKind], equipment: [String]? = nil, tasks: [TaskKey]? = nil, since: Date? = nil,
        until: Date? = nil, author: String? = nil, limit: Int
    ) throws(StoreError) -> [StoredRecord] {
        func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
        var clauses = ["kind IN (\(placeholders(kinds.count)))"]
        var arguments: [any DatabaseValueConvertible] = kinds.map(\.rawValue)
        // "EQUIPMENT<US>TASK" for every task asked for, as one JSON array.
        let keys = tasks.map { tasks in Self.jsonArray(tasks.map { $0.equipment + "\u{1F}" + $0.task }) }
        // Tasks first seen together, and announcements made together, are one record each that lists its tasks in
        // its payload (its task column is empty): such a record is about every task it lists.
        var together: [(clause: String, argument: String)] = []
        let listings = [
            (kind: RecordKind.firstSeen, path: "$.tasks", equipment: "e.value ->> 0", task: "e.value ->> 1"),
            (
                kind: .notification, path: "$.announcements", equipment: "e.value ->> 'equipment'",
                task: "e.value ->> 'task'"
            ),
        ]
        for listing in listings where kinds.contains(listing.kind) {
            let match: (expression: String, argument: String)
            if let keys {
                match = ("(\(listing.equipment)) || char(31) || (\(listing.task))", keys)
            } else if let equipment {
                match = (listing.equipment, Self.jsonArray(equipment))
            } else {
                continue
            }
            together.append(
                (
                    "kind = '\(listing.kind.rawValue)' AND task IS NULL AND EXISTS (SELECT 1 FROM json_each(payload, '\(listing.path)') AS e WHERE \(match.expression) IN (SELECT value FROM json_each(?)))",
                    match.argument
                ))
        }
        if let tasks, let keys, tasks.count > Self.listedInline {
            // A line's or a kind's tasks may be thousands: one JSON argument instead of two parameters each (SQLite
            // takes at most 32,766).
            clauses.append("equipment || char(31) || task IN (SELECT value FROM json_each(?))")
            arguments.append(keys)
        } else if let tasks {
            clauses.append(
                "(" + tasks.map { _ in "(equipment = ? AND task = ?)" }.joined(separator: " OR ")
                    + (tasks.isEmpty ? "0" : "") + ")")
            for key in tasks { arguments += [key.equipment, key.task] }
        } else if let equipment, equipment.count > Self.listedInline {
            clauses.append("equipment IN (SELECT value FROM json_each(?))")
            arguments.append(Self.jsonArray(equipment))
        } else if let equipment {
            clauses.append("equipment IN (\(placeholders(equipment.count)))")
            arguments += equipment
        }
        if !together.isEmpty, let own = clauses.popLast() {
            clauses.append("(" + ([own] + together.map { "(\($0.clause))" }).joined(separator: " OR ") + ")")
            arguments += together.map(\.argument)
        }
        // When it happened: the work's time for completions and corrections (often entered later), else when it was
        // recorded.
        let happened =
            "COALESCE(json_extract(payload, '$.performedAt'), json_extract(payload, '$.replacement.performedAt'), recorded_at)"
        if let since {
            clauses.append("\(happened) >= ?")
            arguments.append(since.microsecondsSinceEpoch)
        }
        if let until {
            clauses.append("\(happened) < ?")
            arguments.append(until.microsecondsSinceEpoch)
        }
        if let author {
            clauses.append("recorded_by = ?")
            arguments.append(author)
        }
        let sql =
            "SELECT \(Self.columns) FROM records WHERE \(clauses.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try fetch(sql: sql, arguments: StatementArguments(arguments))
    }

    /// Lists longer than this go to SQLite as one JSON array.
    static let listedInline = 64

    /// A JSON array of strings.
    static func jsonArray(_ values: [String]) -> String {
        (try? String(decoding: JSONEncoder().encode(values), as: UTF8.self)) ?? "[]"
    }

    private func fetch(sql: String, arguments: StatementArguments) throws(StoreError) -> [StoredRecord] {
        let rows: [RawRecord]
        do {
            rows = try pool.read { db in
                var rows: [RawRecord] = []
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
                while let row = try cursor.next() { rows.append(RawRecord(row)) }
                return rows
            }
        } catch {
            throw .readFailed(reason: "\(error)")
        }
        return try Self.decode(rows)
    }

    /// The columns records are read with, in this order: ``RawRecord`` reads them by position (looking a column up
    /// by name lowercases it, a twentieth of a restart with 100,000 tasks).
    static let columns =
        "id, kind, recorded_at, recorded_by, recorded_uid, equipment, task, corrects, payload, previous_hash, hash, signed_name, meaning"

    /// A record's columns as read, before its payload is decoded.
    private struct RawRecord: @unchecked Sendable {
        let id: Int64
        let kind: String
        let recordedAt: Int64
        let user: String
        let uid: Int64
        let equipment: String?
        let task: String?
        let corrects: Int64?
        let payload: String
        let previousHash: String
        let hash: String
        let name: String?
        let meaning: String?

        init(_ row: Row) {
            id = row[0]
            kind = row[1]
            recordedAt = row[2]
            user = row[3]
            uid = row[4]
            equipment = row[5]
            task = row[6]
            corrects = row[7]
            payload = row[8]
            previousHash = row[9]
            hash = row[10]
            name = row[11]
            meaning = row[12]
        }

        func record() throws(StoreError) -> StoredRecord {
            guard let kind = RecordKind(rawValue: kind) else {
                throw .readFailed(reason: "record \(id) has an unknown kind \(self.kind)")
            }
            let payload: RecordPayload
            do {
                payload = try RecordPayload.decode(kind: kind, json: self.payload)
            } catch {
                throw .readFailed(reason: "record \(id): \(error)")
            }
            return StoredRecord(
                id: id, recordedAt: Date(microsecondsSinceEpoch: recordedAt),
                author: RecordAuthor(user: user, uid: UInt32(truncatingIfNeeded: uid), name: name),
                equipment: equipment, task: task, corrects: corrects, payload: payload,
                meaning: meaning.flatMap(SignatureMeaning.init(rawValue:)), previousHash: previousHash, hash: hash)
        }
    }

    /// Decodes payloads, shared out among the cores when there are many (a restart reads the whole history; JSON
    /// decoding was most of reading it), or each on a core of its own when a few are large (a large plant's first
    /// start writes three records of megabytes: its configuration, the tasks first seen, the catch-up announcements).
    /// The first error in id order is thrown.
    private static func decode(_ rows: [RawRecord]) throws(StoreError) -> [StoredRecord] {
        let apart = rows.count < manyRecords && rows.contains { $0.payload.utf8.count >= largePayload }
        return try rows.concurrentMap(minimum: apart ? 2 : manyRecords, eachApart: apart) { row in
            Result { () throws(StoreError) in try row.record() }
        }.map { result throws(StoreError) in try result.get() }
    }

    /// From this many records on, they are decoded in one part per core; below, only when a payload is this large
    /// (64 KiB), each on a core of its own.
    private static let manyRecords = 4_096
    private static let largePayload = 1 << 16

    // MARK: Chain

    /// A record's link: HMAC-SHA256 under the key from ``HistoryKey/keyedFrom`` on, plain SHA-256 before (records
    /// of the first release, or a history without a key).
    static func hash(
        key: HistoryKey?, id: Int64, kind: String, recordedAt: Int64, user: String, uid: UInt32, equipment: String?,
        task: String?, corrects: Int64?, payload: String, signature: Signature?, previousHash: String
    ) -> String {
        let keyed = key.map { id >= $0.keyedFrom } ?? false
        // Fields separated by a byte that cannot occur in any of them unescaped (NUL). A signed record has two fields
        // more, so removing or adding a signature changes the link.
        var fields = [
            keyed ? "maintd-record-v2" : "maintd-record-v1", String(id), kind, String(recordedAt), user, String(uid),
            equipment ?? "", task ?? "", corrects.map(String.init) ?? "", payload, previousHash,
        ]
        if let signature { fields += [signature.name, signature.meaning] }
        return Digest.digest(ofFieldsJoinedByNUL: fields, key: keyed ? key?.key : nil)
    }

    /// Whether the newest record was linked without a key (true for an empty history): a key file that is missing
    /// while keyed records exist means the key was lost, and a new one must not be made.
    public func newestRecordIsUnkeyed() throws(StoreError) -> Bool {
        do {
            return try pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM records ORDER BY id DESC LIMIT 1") else {
                    return true
                }
                let uid: Int64 = row["recorded_uid"]
                let plain = Self.hash(
                    key: nil, id: row["id"], kind: row["kind"], recordedAt: row["recorded_at"],
                    user: row["recorded_by"],
                    uid: UInt32(truncatingIfNeeded: uid), equipment: row["equipment"], task: row["task"],
                    corrects: row["corrects"], payload: row["payload"], signature: Signature(row),
                    previousHash: row["previous_hash"])
                return plain == (row["hash"] as String)
            }
        } catch {
            throw .readFailed(reason: "\(error)")
        }
    }

    /// Checks every record's hash and link; describes the first break, or nil when the chain is intact.
    public func verify() throws(StoreError) -> HistoryVerification {
        let key = chainKey.withLock { $0 }
        do {
            return try pool.read { db in
                var expectedId: Int64 = 1
                var previous = Self.genesisHash
                var count = 0
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM records ORDER BY id")
                while let row = try rows.next() {
                    let id: Int64 = row["id"]
                    if id != expectedId {
                        return HistoryVerification(
                            records: count,
                            problem: "record \(expectedId) is missing (the next is \(id)): records were deleted")
                    }
                    let stored: String = row["previous_hash"]
                    if stored != previous {
                        return HistoryVerification(
                            records: count,
                            problem:
                                "record \(id) does not follow record \(id - 1): its link to the previous record was changed"
                        )
                    }
                    let uid: Int64 = row["recorded_uid"]
                    let expected = Self.hash(
                        key: key, id: id, kind: row["kind"], recordedAt: row["recorded_at"], user: row["recorded_by"],
                        uid: UInt32(truncatingIfNeeded: uid), equipment: row["equipment"], task: row["task"],
                        corrects: row["corrects"], payload: row["payload"], signature: Signature(row),
                        previousHash: stored)
                    let hash: String = row["hash"]
                    if hash != expected {
                        let what = [row["kind"] as String?, row["equipment"] as String?, row["task"] as String?]
                            .compactMap { $0 }.joined(separator: " ")
                        return HistoryVerification(
                            records: count,
                            problem:
                                "record \(id) (\(what)) was altered: its contents do not match its \(key.map { id >= $0.keyedFrom } ?? false ? "keyed hash (HMAC under \(key!.path))" : "hash")"
                        )
                    }
                    previous = hash
                    expectedId += 1
                    count += 1
                }
                return HistoryVerification(records: count, problem: nil)
            }
        } catch {
            throw .readFailed(reason: "\(error)")
        }
    }
}

extension MaintenanceStore {
    /// Closes the database (at shutdown); later calls fail.
    public func close() {
        try? pool.close()
    }
}

/// A record's signature as its columns hold it.
struct Signature {
    var name: String
    var meaning: String

    init(name: String, meaning: SignatureMeaning) {
        self.name = name
        self.meaning = meaning.rawValue
    }

    /// The row's signature; nil when it has none (maintd's own records, records from before signatures). A row with
    /// only one of the two is refused by the table, and would not verify.
    init?(_ row: Row) {
        guard let name: String = row["signed_name"], let meaning: String = row["meaning"] else { return nil }
        self.name = name
        self.meaning = meaning
    }
}
