#if canImport(Glibc)
package import Glibc
#endif

/// Unix-domain socket addresses: one place for the `sockaddr_un` dance every socket user needs.
package enum UnixSocketAddress {
    /// The address of `path`, or nil when it does not fit `sun_path`.
    package static func make(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// `connect(2)` of `descriptor` to `path`; 0 on success, else -1 with errno set.
    package static func connect(_ descriptor: Int32, to path: String) -> Int32 {
        guard var address = make(path) else {
            errno = ENAMETOOLONG
            return -1
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }

    /// `bind(2)` of `descriptor` to `path`; 0 on success, else -1 with errno set.
    package static func bind(_ descriptor: Int32, to path: String) -> Int32 {
        guard var address = make(path) else {
            errno = ENAMETOOLONG
            return -1
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
    }
}
