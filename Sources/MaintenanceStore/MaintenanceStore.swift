public import Foundation
import GRDB
public import MaintenanceCore

/// The history: an append-only, hash-chained SQLite database (WAL, `synchronous=FULL`), one writer per file.
///
/// Nothing is updated or deleted (triggers refuse it); corrections are new records that name the one they correct.
/// Each record's hash covers its contents and the previous record's hash, so editing the file is detectable.
/// ``append(_:)`` returns only after the transaction is durable on disk.
public final class MaintenanceStore: Sendable {
    /// The `previous_hash` of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)

    public let path: String
    let pool: DatabasePool

    /// Opens (creating and migrating if needed) the database at `path`.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Durable at commit: a record is acknowledged only once it is on disk.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-append-only-records") { db in
            let kinds = RecordKind.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            try db.create(table: "records") { t in
                t.primaryKey("id", .integer)
                t.column("kind", .text).notNull().check(sql: "kind IN (\(kinds))")
                t.column("recorded_at", .integer).notNull()
                t.column("recorded_by", .text).notNull()
                t.column("recorded_uid", .integer).notNull()
                t.column("equipment", .text)
                t.column("task", .text)
                t.column("corrects", .integer).references("records")
                t.column("payload", .text).notNull()
                t.column("previous_hash", .text).notNull()
                t.column("hash", .text).notNull().unique()
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
        return migrator
    }

    // MARK: Writing

    /// Appends a record and returns it once it is durable.
    @discardableResult
    public func append(_ draft: RecordDraft) throws(StoreError) -> StoredRecord {
        try append([draft])[0]
    }

    /// Appends several records in one durable transaction.
    public func append(_ drafts: [RecordDraft]) throws(StoreError) -> [StoredRecord] {
        do {
            return try pool.write { db in
                let last = try Row.fetchOne(db, sql: "SELECT id, hash FROM records ORDER BY id DESC LIMIT 1")
                var id: Int64 = last?["id"] ?? 0
                var previous: String = last?["hash"] ?? Self.genesisHash
                var stored: [StoredRecord] = []
                for draft in drafts {
                    id += 1
                    let payload = try draft.payload.encoded()
                    let recordedAt = draft.recordedAt.microsecondsSinceEpoch
                    let hash = Self.hash(
                        id: id, kind: draft.payload.kind.rawValue, recordedAt: recordedAt, user: draft.author.user,
                        uid: draft.author.uid, equipment: draft.equipment, task: draft.task, corrects: draft.corrects,
                        payload: payload, previousHash: previous)
                    try db.execute(
                        sql: """
                            INSERT INTO records (id, kind, recorded_at, recorded_by, recorded_uid, equipment, task,
                                                 corrects, payload, previous_hash, hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """,
                        arguments: [
                            id, draft.payload.kind.rawValue, recordedAt, draft.author.user, Int64(draft.author.uid),
                            draft.equipment, draft.task, draft.corrects, payload, previous, hash,
                        ])
                    stored.append(
                        StoredRecord(
                            id: id, recordedAt: Date(microsecondsSinceEpoch: recordedAt), author: draft.author,
                            equipment: draft.equipment, task: draft.task, corrects: draft.corrects,
                            payload: draft.payload,
                            previousHash: previous, hash: hash))
                    previous = hash
                }
                return stored
            }
        } catch {
            throw .writeFailed(reason: "\(error)")
        }
    }

    // MARK: Reading

    /// Every record in order.
    public func allRecords() throws(StoreError) -> [StoredRecord] {
        try fetch(sql: "SELECT * FROM records ORDER BY id", arguments: [])
    }

    /// One record.
    public func record(_ id: Int64) throws(StoreError) -> StoredRecord {
        guard let record = try fetch(sql: "SELECT * FROM records WHERE id = ?", arguments: [id]).first else {
            throw .unknownRecord(id)
        }
        return record
    }

    /// Records matching a filter, newest first.
    public func records(
        kinds: [RecordKind], equipment: String? = nil, task: String? = nil, since: Date? = nil,
        limit: Int
    ) throws(StoreError) -> [StoredRecord] {
        var clauses = ["kind IN (\(kinds.map { _ in "?" }.joined(separator: ", ")))"]
        var arguments: [any DatabaseValueConvertible] = kinds.map(\.rawValue)
        if let equipment {
            clauses.append("equipment = ?")
            arguments.append(equipment)
        }
        if let task {
            clauses.append("task = ?")
            arguments.append(task)
        }
        if let since {
            clauses.append("recorded_at >= ?")
            arguments.append(since.microsecondsSinceEpoch)
        }
        let sql = "SELECT * FROM records WHERE \(clauses.joined(separator: " AND ")) ORDER BY id DESC LIMIT ?"
        arguments.append(limit)
        return try fetch(sql: sql, arguments: StatementArguments(arguments))
    }

    private func fetch(sql: String, arguments: StatementArguments) throws(StoreError) -> [StoredRecord] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.record(from:))
            }
        } catch {
            throw .readFailed(reason: "\(error)")
        }
    }

    private static func record(from row: Row) throws -> StoredRecord {
        let kindText: String = row["kind"]
        guard let kind = RecordKind(rawValue: kindText) else {
            throw StoreError.readFailed(reason: "record \(row["id"] as Int64) has an unknown kind \(kindText)")
        }
        let uid: Int64 = row["recorded_uid"]
        return StoredRecord(
            id: row["id"], recordedAt: Date(microsecondsSinceEpoch: row["recorded_at"]),
            author: RecordAuthor(user: row["recorded_by"], uid: UInt32(truncatingIfNeeded: uid)),
            equipment: row["equipment"], task: row["task"], corrects: row["corrects"],
            payload: try RecordPayload.decode(kind: kind, json: row["payload"]), previousHash: row["previous_hash"],
            hash: row["hash"])
    }

    // MARK: Chain

    static func hash(
        id: Int64, kind: String, recordedAt: Int64, user: String, uid: UInt32, equipment: String?,
        task: String?, corrects: Int64?, payload: String, previousHash: String
    ) -> String {
        // Fields separated by a byte that cannot occur in any of them unescaped (NUL).
        let fields = [
            "maintd-record-v1", String(id), kind, String(recordedAt), user, String(uid), equipment ?? "", task ?? "",
            corrects.map(String.init) ?? "", payload, previousHash,
        ]
        return SHA256.hex(Array(fields.joined(separator: "\u{0}").utf8))
    }

    /// Checks every record's hash and link; describes the first break, or nil when the chain is intact.
    public func verify() throws(StoreError) -> HistoryVerification {
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
                        id: id, kind: row["kind"], recordedAt: row["recorded_at"], user: row["recorded_by"],
                        uid: UInt32(truncatingIfNeeded: uid), equipment: row["equipment"], task: row["task"],
                        corrects: row["corrects"], payload: row["payload"], previousHash: stored)
                    let hash: String = row["hash"]
                    if hash != expected {
                        let what = [row["kind"] as String?, row["equipment"] as String?, row["task"] as String?]
                            .compactMap { $0 }.joined(separator: " ")
                        return HistoryVerification(
                            records: count,
                            problem: "record \(id) (\(what)) was altered: its contents do not match its hash")
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
