import FoundationEssentials
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
        localZone(tz: ProcessInfo.processInfo.environment["TZ"])
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
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let resolved = URL(fileURLWithPath: target, relativeTo: URL(fileURLWithPath: link)).standardizedFileURL.path
        for prefix in [directory + "/", "/usr/share/zoneinfo/"] where resolved.hasPrefix(prefix) {
            return String(resolved.dropFirst(prefix.count))
        }
        return nil
    }
}
