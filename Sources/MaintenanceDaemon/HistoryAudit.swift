import MaintenanceCore
public import MaintenanceStore

/// `maintd --verify-history`: the chain (keyed where the key says), then the database against the checkpoints the
/// journal holds for it, naming rollback, truncation, replacement and rewritten chains.
public enum HistoryAudit {
    /// The findings as people read them, and whether the history is intact.
    public static func run(_ options: DaemonOptions) throws(StoreError) -> (intact: Bool, report: String) {
        let store = try MaintenanceStore(path: options.databasePath)
        defer { store.close() }
        let key = try HistoryKey.load(at: options.historyKeyPath)
        if let key { store.useKey(key) }
        let result = try audit(store, databasePath: options.databasePath)
        return (result.intact, result.report)
    }

    /// Audits an open store (keyed as the daemon keyed it) against the checkpoints the journal holds for its file.
    static func audit(
        _ store: MaintenanceStore, databasePath: String
    ) throws(StoreError) -> (intact: Bool, records: Int, report: String) {
        let result = try store.verify()
        if let problem = result.problem {
            return (false, result.records, "history BROKEN after \(result.records) intact records: \(problem)")
        }
        let checkpoints = CheckpointJournal.read(history: databasePath)
        if let problem = try store.problem(against: checkpoints) {
            return (false, result.records, "history BROKEN: \(problem)")
        }
        let keyed = store.key.map { ", keyed (HMAC-SHA256) from record \($0.keyedFrom) on" } ?? ", without a key"
        let anchored =
            checkpoints.max(by: { $0.records < $1.records }).map {
                "; \(checkpoints.count) journal checkpoints agree, the newest at \(Timestamp.rfc3339($0.at)) (\($0.records) records)"
            } ?? "; no journal checkpoints found for it (is the journal readable by this user?)"
        return (true, result.records, "history OK: \(result.records) records, hash chain intact\(keyed)\(anchored)")
    }
}
