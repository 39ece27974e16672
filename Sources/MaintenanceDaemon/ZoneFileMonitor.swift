import Dispatch
import Foundation

/// Notices when the site's time zone data changes on disk (a tzdata update replaces `/usr/share/zoneinfo/…`), with
/// inotify on the zone file's directory, so schedules are recomputed with the new rules.
final class ZoneFileMonitor: @unchecked Sendable {
    private let descriptor: Int32
    private let source: any DispatchSourceRead

    /// Calls `changed` on `queue` when `zoneFile` is written, replaced or removed; nil if inotify is unavailable.
    init?(zoneFile: String, queue: DispatchQueue, changed: @escaping @Sendable () -> Void) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        let directory = (zoneFile as NSString).deletingLastPathComponent
        let name = (zoneFile as NSString).lastPathComponent
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            close(fd)
            return nil
        }
        descriptor = fd
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 4_096)
            var touched = false
            while true {
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else { break }
                var offset = 0
                while offset + MemoryLayout<inotify_event>.size <= count {
                    let event = buffer.withUnsafeBytes {
                        $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    }
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = buffer[nameStart..<min(count, nameStart + Int(event.len))].prefix { $0 != 0 }
                    if String(decoding: nameBytes, as: UTF8.self) == name { touched = true }
                    offset = nameStart + Int(event.len)
                }
            }
            if touched { changed() }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    deinit {
        source.cancel()
    }
}
