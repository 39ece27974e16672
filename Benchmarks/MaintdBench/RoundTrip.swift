import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// One blocking connection that sends a NUL-terminated message and reads one NUL-terminated reply.
final class RoundTrip {
    private let descriptor: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let result = UnixSocketAddress.connect(descriptor, to: path)
        guard result == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    /// Seconds each exchange of `message` took, `pause` microseconds apart, while `going` says so.
    func latencies(of message: [UInt8], pause: UInt32, while going: () -> Bool) throws -> [Double] {
        var latencies: [Double] = []
        while going() {
            let started = Date()
            try exchange(message)
            latencies.append(Date().timeIntervalSince(started))
            usleep(pause)
        }
        return latencies
    }

    /// The same, `count` times.
    func latencies(of message: [UInt8], pause: UInt32, count: Int) throws -> [Double] {
        var remaining = count
        return try latencies(of: message, pause: pause) {
            remaining -= 1
            return remaining >= 0
        }
    }

    /// Sends `message` (already terminated) and returns the reply without its terminator.
    @discardableResult
    func exchange(_ message: [UInt8]) throws -> [UInt8] {
        var sent = 0
        while sent < message.count {
            let n = message[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw POSIXError(.EPIPE) }
            sent += n
        }
        var reply: [UInt8] = []
        while true {
            let n = recv(descriptor, &buffer, buffer.count, 0)
            guard n > 0 else { throw POSIXError(.ECONNRESET) }
            if let end = buffer[..<n].firstIndex(of: 0) {
                reply += buffer[..<end]
                return reply
            }
            reply += buffer[..<n]
        }
    }
}
