import Foundation
import Synchronization
import Systemd

/// Tells systemd how the service is without ever blocking the service: notifications leave in order on their own
/// queue, and `STATUS=` lines are coalesced (only the latest one waiting is sent), so a notification socket that
/// nobody reads delays nothing but the notifications.
final class ServiceNotifier: Sendable {
    private let queue = DispatchQueue(label: "maintd.notify")
    private let waitingStatus = Mutex<String?>(nil)

    /// Queues a notification (`READY=1`, `RELOADING=1`, `WATCHDOG=1`, `STOPPING=1`, …).
    func send(_ state: String) {
        queue.async { ServiceManager.notify(state) }
    }

    /// Queues a `STATUS=` line, replacing one that has not left yet.
    func status(_ line: String) {
        let first = waitingStatus.withLock { waiting in
            defer { waiting = line }
            return waiting == nil
        }
        guard first else { return }
        queue.async { [self] in
            let line = waitingStatus.withLock { waiting in
                defer { waiting = nil }
                return waiting
            }
            if let line { ServiceManager.notify("STATUS=" + line) }
        }
    }

    /// Waits until what is queued has left, or `seconds` have passed (at shutdown: STOPPING=1 should reach systemd,
    /// but a socket nobody reads must not hold the stop).
    func drained(within seconds: Double) async {
        let resumed = Mutex(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resume: @Sendable () -> Void = {
                if resumed.withLock({ done in
                    defer { done = true }
                    return !done
                }) {
                    continuation.resume()
                }
            }
            queue.async(execute: resume)
            DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: resume)
        }
    }
}
