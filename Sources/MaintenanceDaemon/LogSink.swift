import Foundation
import Synchronization
import Systemd

/// Where maintd's log lines and events go: the journal when one is reachable, else stderr with `<N>` priority
/// prefixes; also stderr when running in a terminal. Writes happen on their own queue and are bounded, so a slow or
/// stopped journald never blocks or stops the scheduler.
final class LogSink: Sendable {
    static let shared = LogSink()
    /// Entries waiting to be written before new ones are dropped (and counted).
    static let maxPending = 10_000

    private let queue = DispatchQueue(label: "maintd.log")
    private let pending = Atomic<Int>(0)
    private let dropped = Atomic<Int>(0)
    /// Set when the backlog grew large (the catch-up of a big plant at start): once it is written, the memory it held
    /// is given back to the system.
    private let burst = Atomic<Bool>(false)
    static let burstSize = 1_000
    /// False when stderr is connected to the journal already (systemd sets `$JOURNAL_STREAM`), to avoid duplicates.
    let alsoStderr: Bool

    private init() {
        alsoStderr = !Self.stderrIsJournal()
    }

    /// Queues an entry; `fields` are journal fields besides MESSAGE and PRIORITY.
    func write(priority: Int, message: String, fields: [(name: String, value: String)]) {
        write(count: 1) { _ in (priority, message, fields) }
    }

    /// Says how many entries were dropped since the last entry written, if any.
    private func reportDropped() {
        let lost = dropped.exchange(0, ordering: .relaxed)
        if lost > 0 {
            emit(
                priority: 4, message: "\(lost) log entries were dropped because the journal was not keeping up",
                fields: [])
        }
    }

    /// Queues entries made together (a large start's or reload's announcements, tens of thousands): each is put
    /// together and written in turn on the log's queue, so they are neither all held as entries at once nor dropped
    /// as a backlog of their own making. The batch counts as one entry towards the backlog that drops new entries.
    func write(
        count: Int,
        entry: @escaping @Sendable (Int) -> (priority: Int, message: String, fields: [(name: String, value: String)])
    ) {
        guard count > 0 else { return }
        let waiting = pending.add(1, ordering: .relaxed).newValue
        guard waiting <= Self.maxPending else {
            pending.subtract(1, ordering: .relaxed)
            dropped.add(count, ordering: .relaxed)
            return
        }
        if waiting >= Self.burstSize || count >= Self.burstSize { burst.store(true, ordering: .relaxed) }
        queue.async { [self] in
            defer {
                if pending.subtract(1, ordering: .relaxed).newValue == 0 && burst.exchange(false, ordering: .relaxed) {
                    ProcessMemory.returnFreedMemory()
                }
            }
            reportDropped()
            for index in 0..<count {
                let (priority, message, fields) = entry(index)
                emit(priority: priority, message: message, fields: fields)
            }
        }
    }

    /// Waits until everything queued so far is written (at shutdown).
    func flush() {
        queue.sync {}
    }

    private func emit(priority: Int, message: String, fields: [(name: String, value: String)]) {
        let sent =
            Journal.isAvailable
            && Journal.send(
                [("MESSAGE", message), ("PRIORITY", String(priority)), ("SYSLOG_IDENTIFIER", "maintd")] + fields)
        if !sent || alsoStderr {
            FileHandle.standardError.write(Data("<\(priority)>\(message)\n".utf8))
        }
    }

    /// systemd sets `JOURNAL_STREAM=DEVICE:INODE` when stdout/stderr go to the journal.
    private static func stderrIsJournal() -> Bool {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return value == "\(info.st_dev):\(info.st_ino)"
    }
}
