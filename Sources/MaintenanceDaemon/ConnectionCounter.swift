import Synchronization

/// Counts open connections, in all and per user, across the event loop's handlers: one user's connections can never
/// take the slots everyone else needs.
final class ConnectionCounter: Sendable {
    private let total = Atomic<Int>(0)
    private let perUser = Mutex<[UInt32: Int]>([:])
    let maxTotal: Int
    let maxPerUser: Int

    init(maxTotal: Int = VarlinkServer.maxConnections, maxPerUser: Int = VarlinkServer.maxConnectionsPerUser) {
        self.maxTotal = maxTotal
        self.maxPerUser = maxPerUser
    }

    /// Takes a slot; false when the server is full.
    func acquire() -> Bool {
        if total.add(1, ordering: .relaxed).newValue > maxTotal {
            total.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func release() { total.subtract(1, ordering: .relaxed) }

    /// Takes one of a user's slots; false when the user holds as many connections as one user may.
    func acquire(uid: UInt32) -> Bool {
        perUser.withLock { counts in
            let held = counts[uid, default: 0]
            guard held < maxPerUser else { return false }
            counts[uid] = held + 1
            return true
        }
    }

    func release(uid: UInt32) {
        perUser.withLock { counts in
            let held = counts[uid, default: 0] - 1
            counts[uid] = held > 0 ? held : nil
        }
    }
}
