import MaintenanceCore

/// A few zones from POSIX rules, so core tests do not depend on the machine's zoneinfo.
struct FixedZones: TimeZoneResolver {
    static let berlin = TimeZoneRules(posixTZ: "CET-1CEST,M3.5.0,M10.5.0/3")!
    static let newYork = TimeZoneRules(posixTZ: "EST5EDT,M3.2.0,M11.1.0")!

    func rules(named name: String) -> TimeZoneRules? {
        switch name {
        case "Europe/Berlin": Self.berlin
        case "America/New_York": Self.newYork
        case "UTC": .utc
        default: nil
        }
    }
}
