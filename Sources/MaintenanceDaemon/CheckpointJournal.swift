import Foundation
import MaintenanceCore
import MaintenanceStore
import Systemd

/// Journals checkpoints of the history (record count and head hash) after appends, at most a second behind while
/// writing, and reads them back for verification. Confined to the service's queue (checked where it changes).
final class CheckpointJournal: @unchecked Sendable {
    private let history: String
    private let queue: DispatchQueue
    private var latest: (records: Int64, head: String)?
    private var journaled: Int64 = 0
    private var scheduled = false
    private var lastWrite = DispatchTime(uptimeNanoseconds: 0)

    /// Checkpoints of the history at `history` (its absolute path names it in the journal).
    init(history: String, queue: DispatchQueue) {
        self.history = Self.name(history)
        self.queue = queue
    }

    /// Notes what was appended; a checkpoint follows within a second.
    func appended(_ records: [StoredRecord]) {
        dispatchPrecondition(condition: .onQueue(queue))
        // A reload's records are written while the queue serves; a command's records written after them may be
        // reported first. The checkpoint only ever moves forward.
        guard let last = records.last, last.id > latest?.records ?? 0 else { return }
        latest = (last.id, last.hash)
        guard !scheduled else { return }
        scheduled = true
        let due = lastWrite + .seconds(1)
        queue.asyncAfter(deadline: max(due, .now())) { [self] in
            scheduled = false
            write()
        }
    }

    /// Journals the latest state now (at stop).
    func write() {
        dispatchPrecondition(condition: .onQueue(queue))
        guard let latest, latest.records != journaled else { return }
        journaled = latest.records
        lastWrite = .now()
        LogSink.shared.write(
            priority: 6, message: "History checkpoint: \(latest.records) records, head \(latest.head)",
            fields: [
                ("MESSAGE_ID", HistoryCheckpoint.messageID), ("MAINT_HISTORY", history),
                ("MAINT_RECORDS", String(latest.records)), ("MAINT_HEAD", latest.head),
            ])
    }

    /// The checkpoints the journal holds for the history at `path`.
    static func read(history path: String) -> [HistoryCheckpoint] {
        Journal.entries(
            matching: ["MESSAGE_ID=\(HistoryCheckpoint.messageID)", "MAINT_HISTORY=\(name(path))"],
            fields: ["MAINT_RECORDS", "MAINT_HEAD"]
        ).compactMap { entry in
            guard let records = entry["MAINT_RECORDS"].flatMap(Int64.init), let head = entry["MAINT_HEAD"],
                let usec = entry["__REALTIME_TIMESTAMP"].flatMap(Int64.init)
            else { return nil }
            return HistoryCheckpoint(records: records, head: head, at: Date(microsecondsSinceEpoch: usec))
        }
    }

    private static func name(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
