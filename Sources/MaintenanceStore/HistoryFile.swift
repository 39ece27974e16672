import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The history file as maintd opened it: which file it is (device and inode) and how large maintd last left it. A
/// file deleted, replaced or truncated under the running daemon is noticed before anything more is acknowledged
/// into it: SQLite would go on writing into a deleted file, and every record acknowledged there would be lost.
final class HistoryFile: Sendable {
    let path: String
    private let identity: (device: UInt64, inode: UInt64)
    private let knownSize = Atomic<Int64>(0)

    /// nil for a database that is not a file (in memory).
    init?(path: String) {
        guard path != ":memory:", let info = Self.status(path) else { return nil }
        self.path = path
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        knownSize.store(Int64(info.st_size), ordering: .relaxed)
    }

    /// Why the file is no longer the one maintd writes, if it is not.
    func problem() -> String? {
        guard let info = Self.status(path) else {
            return "\(path) was deleted while maintd was running; nothing more is acknowledged into it"
        }
        if UInt64(info.st_dev) != identity.device || UInt64(info.st_ino) != identity.inode {
            return "\(path) was replaced by another file while maintd was running; nothing more is acknowledged"
        }
        if Int64(info.st_size) < knownSize.load(ordering: .relaxed) {
            return
                "\(path) was truncated while maintd was running (\(info.st_size) bytes, was \(knownSize.load(ordering: .relaxed))); nothing more is acknowledged"
        }
        return nil
    }

    /// Remembers the size after a write.
    func written() {
        if let info = Self.status(path) { knownSize.store(Int64(info.st_size), ordering: .relaxed) }
    }

    private static func status(_ path: String) -> stat? {
        var info = stat()
        return stat(path, &info) == 0 ? info : nil
    }
}
