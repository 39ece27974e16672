import Foundation
import MaintenanceProtocol
import Systemd

/// The listening Unix socket: the one systemd passed (socket activation), else one maintd binds itself.
enum ControlSocket {
    /// Why the socket could not be opened.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A listening descriptor and where it came from.
    struct Listener {
        var descriptor: Int32
        var path: String
        var activated: Bool
    }

    /// Takes the activated socket named `maintd.sock` (or the only Unix stream socket passed), else binds `path` with
    /// mode 0660, refusing to run if another live process answers on it and replacing a stale socket file.
    static func open(path: String) throws(Failure) -> Listener {
        let passed = ServiceManager.listenDescriptors().filter { ServiceManager.isUnixStreamListener($0.descriptor) }
        if let chosen = passed.first(where: { $0.name == "maintd.sock" || $0.name == "maintd.socket" }) ?? passed.first
        {
            return Listener(descriptor: chosen.descriptor, path: boundPath(chosen.descriptor) ?? path, activated: true)
        }
        var info = stat()
        if lstat(path, &info) == 0 {
            // Only a socket is ever removed: a mistyped --socket must never delete a history file or anything else.
            guard info.st_mode & S_IFMT == S_IFSOCK else {
                throw Failure(
                    description: "\(path) exists and is not a socket; maintd will not remove it (check --socket)")
            }
            if isAlive(path) {
                throw Failure(description: "another maintd is already serving \(path); stop it first")
            }
            unlink(path)  // stale: left behind by a process that died
        }
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "cannot create a socket: \(String(cString: strerror(errno)))") }
        guard UnixSocketAddress.bind(fd, to: path) == 0 else {
            let reason =
                errno == ENAMETOOLONG ? "the path is too long (at most 107 bytes)" : String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "cannot bind \(path): \(reason)")
        }
        chmod(path, 0o660)
        guard listen(fd, 256) == 0 else {
            close(fd)
            throw Failure(description: "cannot listen on \(path): \(String(cString: strerror(errno)))")
        }
        return Listener(descriptor: fd, path: path, activated: false)
    }

    /// The filesystem path a Unix socket is bound to (for the one systemd passed).
    static func boundPath(_ descriptor: Int32) -> String? {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let result = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard result == 0 else { return nil }
        let path = withUnsafeBytes(of: address.sun_path) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return path.isEmpty ? nil : path
    }

    /// Whether a process accepts connections on the socket at `path`.
    static func isAlive(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return UnixSocketAddress.connect(fd, to: path) == 0
    }
}
