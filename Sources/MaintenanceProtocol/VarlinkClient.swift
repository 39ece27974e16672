public import FoundationEssentials
import MaintenanceCore

#if canImport(Glibc)
import Glibc
#endif

/// A blocking Varlink client over a Unix socket, for maintctl and tests.
public final class VarlinkClient {
    /// Why the daemon could not be reached, in words a technician can act on.
    public struct ConnectionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// maintd's socket as clients find it: $MAINTD_SOCKET, else where the unit puts it.
    public static var defaultSocketPath: String {
        ProcessInfo.processInfo.environment["MAINTD_SOCKET"] ?? "/run/maintd/maintd.sock"
    }

    /// The largest reply accepted.
    public static let maxReplySize = 64 << 20

    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// How long a read or a write may wait before the call fails; nil: as long as it takes.
    private var timeout: Double?

    /// Connects to the socket at `path`.
    public init(path: String) throws(ConnectionError) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else {
            throw ConnectionError(description: "cannot create a socket: \(String(cString: strerror(errno)))")
        }
        guard UnixSocketAddress.make(path) != nil else {
            close(fd)
            throw ConnectionError(description: "the socket path \(path) is too long")
        }
        let result = UnixSocketAddress.connect(fd, to: path)
        if result != 0 {
            let code = errno
            close(fd)
            switch code {
            case EACCES, EPERM:
                throw ConnectionError(
                    description:
                        "permission denied on \(path): add yourself to group \(Self.group(of: path) ?? "maintd") (then log in again)"
                )
            case ENOENT:
                throw ConnectionError(
                    description: "maintd is not running: \(path) does not exist (systemctl start maintd.socket)")
            case ECONNREFUSED:
                throw ConnectionError(description: "maintd is not running: nothing accepts connections on \(path)")
            default:
                throw ConnectionError(description: "cannot connect to \(path): \(String(cString: strerror(code)))")
            }
        }
        descriptor = fd
    }

    /// Connects, and gives up on any read or write that waits longer than `seconds` (a daemon that hangs must not
    /// hang a gate that a machine's start waits for).
    public convenience init(path: String, timeout seconds: Double) throws(ConnectionError) {
        try self.init(path: path)
        timeout = seconds
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - seconds.rounded(.down)) * 1_000_000))
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private var silence: ConnectionError {
        ConnectionError(
            description: "maintd did not answer within \(timeout.map { $0.formatted(maxFractionDigits: 1) } ?? "?") s")
    }

    deinit {
        close(descriptor)
    }

    private static func group(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0, let group = getgrgid(info.st_gid) else { return nil }
        return String(cString: group.pointee.gr_name)
    }

    /// Calls a method and decodes its single reply; a Varlink error is thrown as ``VarlinkError``.
    public func call<Reply: Decodable>(
        _ method: String, _ parameters: some Encodable = NoParameters(), as: Reply.Type
    )
        throws -> Reply
    {
        try send(method: method, parameters: parameters, more: false)
        return try decode(Reply.self, try receive())
    }

    /// Calls a declared method with its typed parameters and decodes its reply.
    public func call<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters
    ) throws -> Reply {
        try call(method.declaration.qualifiedName, parameters, as: Reply.self)
    }

    /// Calls a method with `"more": true`; `handle` gets each reply and returns false to stop listening.
    public func stream<Reply: Decodable>(
        _ method: String, _ parameters: some Encodable, as: Reply.Type,
        _ handle: (Reply) throws -> Bool
    ) throws {
        try send(method: method, parameters: parameters, more: true)
        while true {
            let reply = try receive()
            let value = try decode(Reply.self, reply)
            guard try handle(value), reply["continues"]?.boolValue == true else { return }
        }
    }

    /// Calls a declared streaming method; `handle` gets each reply and returns false to stop listening.
    public func stream<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters, _ handle: (Reply) throws -> Bool
    ) throws {
        try stream(method.declaration.qualifiedName, parameters, as: Reply.self, handle)
    }

    /// Sends raw bytes (tests of hostile input).
    public func sendRaw(_ bytes: [UInt8]) throws {
        try write(bytes)
    }

    /// Reads one raw reply.
    public func receive() throws -> JSONLiteral {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                return try JSONLiteral(parsing: message)
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = read(descriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw silence }
            guard count > 0 else { throw ConnectionError(description: "maintd closed the connection") }
            buffer += chunk[..<count]
            if buffer.count > Self.maxReplySize { throw ConnectionError(description: "the reply is too large") }
        }
    }

    private func send(method: String, parameters: some Encodable, more: Bool) throws {
        var message = "{\"method\":"
        JSONLiteral.quote(method, into: &message)
        message += ",\"parameters\":" + VarlinkCoding.encode(parameters)
        if more { message += ",\"more\":true" }
        message += "}"
        try write(Array(message.utf8) + [0])
    }

    private func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a daemon that went away is an error to report, not a SIGPIPE that kills the caller.
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written < 0 && errno == EINTR { continue }
            if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { throw silence }
            guard written > 0 else { throw ConnectionError(description: "maintd closed the connection") }
            offset += written
        }
    }

    private func decode<Reply: Decodable>(_ type: Reply.Type, _ reply: JSONLiteral) throws -> Reply {
        if let error = reply["error"]?.stringValue {
            var parameters: [String: JSONLiteral] = [:]
            if case .object(let values)? = reply["parameters"] { parameters = values }
            throw VarlinkError(error, parameters)
        }
        return try JSONLiteralDecoder.decode(Reply.self, from: reply["parameters"] ?? .object([:]))
    }
}
