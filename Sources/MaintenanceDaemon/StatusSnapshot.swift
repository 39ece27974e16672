import MaintenanceCore
import Synchronization

/// GetStatus's reply as last worked out, published for the connections' event loops: a GetStatus is answered there
/// without a trip through the service's queue while nothing has changed since. Anything that changes the reply
/// (the plant, a rejected reload, a timer wake-up) clears it on the queue, and the next GetStatus served on the queue
/// publishes it again, so a published reply is never older than the last change.
final class StatusSnapshot: Sendable {
    struct Published: Sendable {
        /// The roles of the configuration the reply was made from: whoever asks must still be allowed to.
        let roles: RoleGroups
        /// The reply's parameters, encoded.
        let parameters: String
    }

    private let current = Mutex<Published?>(nil)

    var published: Published? { current.withLock { $0 } }

    func publish(_ snapshot: Published) { current.withLock { $0 = snapshot } }

    func clear() { current.withLock { $0 = nil } }
}
