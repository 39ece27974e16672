import FoundationEssentials
import Glibc
public import MaintenanceCore
import Synchronization

/// The system's compiled time zones (`/usr/share/zoneinfo`), the same files glibc and systemd read.
public final class ZoneInfoDirectory: TimeZoneResolver {
    /// The directory holding the zone files.
    public let path: String
    private let cache = Mutex<[String: TimeZoneRules?]>([:])

    public init(path: String = "/usr/share/zoneinfo") {
        self.path = path
    }

    public func rules(named name: String) -> TimeZoneRules? {
        // Zone names are relative paths inside the directory, never a way out of it.
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(where: { $0.hasPrefix(".") })
        else { return nil }
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let rules = Self.load(file: path + "/" + name, identifier: name)
        cache.withLock { $0[name] = rules }
        return rules
    }

    /// The zone a process with this `TZ` uses for local time, resolved as glibc does: unset means
    /// `/etc/localtime`, empty means UTC, `:NAME` or `NAME` a zoneinfo file, else a POSIX rule string.
    public func localZone() -> TimeZoneRules {
        // getenv, not ProcessInfo's environment: that copies every variable (maintctl's start-up counts).
        localZone(tz: getenv("TZ").map { String(cString: $0) })
    }

    /// The zone glibc would use with this value of `TZ` (nil when unset).
    public func localZone(tz: String?) -> TimeZoneRules {
        guard var tz else {
            let name = Self.zoneName(ofLink: "/etc/localtime", under: path) ?? "localtime"
            return Self.load(file: "/etc/localtime", identifier: name) ?? .utc
        }
        if tz.isEmpty { return .utc }
        if tz.hasPrefix(":") { tz.removeFirst() }
        if tz.hasPrefix("/") { return Self.load(file: tz, identifier: tz) ?? .utc }
        if let rules = rules(named: tz) { return rules }
        return TimeZoneRules(posixTZ: tz) ?? .utc
    }

    private static func load(file: String, identifier: String) -> TimeZoneRules? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        return try? TimeZoneRules(identifier: identifier, tzif: [UInt8](data))
    }

    /// "Europe/Berlin" when `/etc/localtime` links to `/usr/share/zoneinfo/Europe/Berlin`.
    private static func zoneName(ofLink link: String, under directory: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4_096)
        let length = readlink(link, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let resolved = resolve(target, besides: link)
        for prefix in [directory + "/", "/usr/share/zoneinfo/"] where resolved.hasPrefix(prefix) {
            return String(resolved.dropFirst(prefix.count))
        }
        return nil
    }

    /// A link's target as an absolute path without "." and ".." (what URL's standardizing did, without its cost).
    static func resolve(_ target: String, besides link: String) -> String {
        let base = target.hasPrefix("/") ? "" : String(link[..<(link.lastIndex(of: "/") ?? link.startIndex)])
        var parts: [Substring] = []
        for part in (base + "/" + target).split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
