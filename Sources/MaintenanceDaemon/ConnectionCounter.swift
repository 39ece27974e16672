import Synchronization

/// Counts open connections across the event loop's handlers.
final class ConnectionCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// Takes a slot; false when the server is full.
    func acquire() -> Bool {
        if value.add(1, ordering: .relaxed).newValue > VarlinkServer.maxConnections {
            value.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func release() { value.subtract(1, ordering: .relaxed) }
}
