import Foundation
import MaintenanceProtocol

/// A `NOTIFY_SOCKET` the test owns: records every sd_notify message the daemon sends, with when it arrived.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let lock = NSCondition()
    private var received: [(at: Date, message: String)] = []
    private var closed = false

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let result = UnixSocketAddress.bind(descriptor, to: path)
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
        Thread.detachNewThread { [self] in
            var buffer = [UInt8](repeating: 0, count: 8_192)
            while true {
                let count = recv(descriptor, &buffer, buffer.count, 0)
                if count <= 0 { break }
                let message = String(decoding: buffer[..<count], as: UTF8.self)
                lock.lock()
                received.append((Date(), message))
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    deinit {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
    }

    var messages: [(at: Date, message: String)] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// Waits for a message containing `text` (after the first `skip` messages); returns it, or nil on timeout.
    @discardableResult
    func wait(for text: String, after skip: Int = 0, timeout: TimeInterval = 20) -> (at: Date, message: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let match = received.dropFirst(skip).first(where: { $0.message.contains(text) }) { return match }
            guard lock.wait(until: deadline) else { return nil }
        }
    }
}
