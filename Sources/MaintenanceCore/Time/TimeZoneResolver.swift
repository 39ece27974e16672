/// Looks up time zone rules by IANA name; implemented over the system's zoneinfo outside the core.
public protocol TimeZoneResolver: Sendable {
    /// The rules of a zone such as "Europe/Berlin", or nil when there is no such zone.
    func rules(named name: String) -> TimeZoneRules?
}
