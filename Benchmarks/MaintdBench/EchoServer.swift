import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// The baseline: a minimal Unix-socket server, a thread per connection, that answers each NUL-terminated message
/// with a reply of the size the message asks for. It does what any server must (read, frame, write) and nothing else.
final class EchoServer: @unchecked Sendable {
    let path: String
    private let descriptor: Int32

    /// A request for a reply of `replySize` bytes.
    static func request(replySize: Int) -> [UInt8] {
        Array("{\"size\":\(replySize)}".utf8) + [0]
    }

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        _ = UnixSocketAddress.bind(descriptor, to: path)
        listen(descriptor, 256)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(descriptor, nil, nil)
                if client < 0 { return }
                Thread.detachNewThread { Self.serve(client) }
            }
        }
    }

    private static func serve(_ client: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var pending: [UInt8] = []
        while true {
            let n = recv(client, &buffer, buffer.count, 0)
            if n <= 0 { break }
            pending += buffer[..<n]
            while let end = pending.firstIndex(of: 0) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeFirst(end + 1)
                let size = Int(text.filter(\.isNumber)) ?? 0
                let reply = [UInt8](repeating: UInt8(ascii: "x"), count: size) + [0]
                var sent = 0
                while sent < reply.count {
                    let w = reply[sent...].withUnsafeBytes {
                        send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
                    }
                    if w <= 0 { break }
                    sent += w
                }
            }
        }
        close(client)
    }

    func stop() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        close(descriptor)
        unlink(path)
    }
}
