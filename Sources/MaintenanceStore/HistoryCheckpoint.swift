public import Foundation
import MaintenanceCore

/// What the journal was told about the history while it was written: how many records it held and the newest one's
/// hash. Kept outside the database (and sealed there with journald's Forward Secure Sealing where enabled), so a
/// history rolled back, truncated, replaced or re-chained is noticed even by someone who could rewrite the file.
public struct HistoryCheckpoint: Sendable, Equatable {
    /// The journal `MESSAGE_ID` of checkpoints; documented in `systemd/maintd.catalog`.
    public static let messageID = "da29ca128d794ca4b17dddd65d6f33af"

    public var records: Int64
    public var head: String
    public var at: Date

    public init(records: Int64, head: String, at: Date) {
        self.records = records
        self.head = head
        self.at = at
    }
}

extension MaintenanceStore {
    /// Checks the history against the checkpoints journaled while it was written; says what happened to it, or nil
    /// when every checkpoint agrees.
    public func problem(against checkpoints: [HistoryCheckpoint]) throws(StoreError) -> String? {
        let last = try lastId()
        for checkpoint in checkpoints.sorted(by: { $0.records > $1.records }) {
            let when = Timestamp.rfc3339(checkpoint.at)
            if checkpoint.records > last {
                return last == 0
                    ? "the history is empty or was replaced: the journal saw \(checkpoint.records) records in it at \(when)"
                    : "the history was truncated or rolled back: the journal saw \(checkpoint.records) records at \(when), the database holds \(last)"
            }
            if try record(checkpoint.records).hash != checkpoint.head {
                return
                    "record \(checkpoint.records) is not the one journaled at \(when): the history was replaced or its chain rewritten"
            }
        }
        return nil
    }
}
