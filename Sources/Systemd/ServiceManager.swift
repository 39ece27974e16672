import CSystemd
import Foundation

/// The systemd service contract: readiness notifications, the watchdog, and sockets passed by socket activation.
public enum ServiceManager {
    /// Sends a notification such as `READY=1` or `STATUS=…` to `$NOTIFY_SOCKET`; false when there is none.
    @discardableResult
    public static func notify(_ state: String) -> Bool {
        sd_notify(0, state) > 0
    }

    /// `CLOCK_MONOTONIC` in microseconds, as `RELOADING=1` wants it in `MONOTONIC_USEC=`.
    public static func monotonicMicroseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1_000
    }

    /// The watchdog interval the unit asks for (`WatchdogSec=`), if any.
    public static func watchdogInterval() -> Duration? {
        var usec: UInt64 = 0
        guard sd_watchdog_enabled(0, &usec) > 0, usec > 0 else { return nil }
        return .microseconds(Int64(usec))
    }

    /// Descriptors passed by socket activation (`LISTEN_FDS`, `LISTEN_FDNAMES`), each with its name.
    public static func listenDescriptors() -> [(descriptor: Int32, name: String)] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(0, &names)
        guard count > 0 else { return [] }
        defer {
            if let names {
                for index in 0..<Int(count) { free(names[index]) }
                free(names)
            }
        }
        return (0..<Int(count)).map { index in
            let name = names?[index].map { String(cString: $0) } ?? "unknown"
            return (SD_LISTEN_FDS_START + Int32(index), name)
        }
    }

    /// Whether a descriptor is a listening Unix stream socket.
    public static func isUnixStreamListener(_ descriptor: Int32) -> Bool {
        sd_is_socket_unix(descriptor, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0
    }
}
