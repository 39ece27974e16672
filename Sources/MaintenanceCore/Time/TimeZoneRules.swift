/// The rules of one time zone as the C library applies them: the transitions of a compiled zoneinfo (TZif) file,
/// then its POSIX `TZ` rule for the years after the last transition.
///
/// The core does not read files: callers load the bytes (see `MaintenanceFiles.ZoneInfoDirectory`) so that results
/// match what glibc, and therefore systemd, compute from the same zoneinfo.
public struct TimeZoneRules: Sendable {
    /// The IANA name ("Europe/Berlin"), or the `TZ` string the rules came from.
    public let identifier: String
    let transitions: [Int64]
    let transitionTypes: [Int]
    let types: [LocalTimeType]
    let footer: PosixTimeZoneRule?
    /// What glibc's `tzset()` leaves in `tzname[0]`: the standard time abbreviation ("CET").
    package let standardAbbreviation: String
    /// What glibc's `tzset()` leaves in `tzname[1]`: the daylight saving time abbreviation ("CEST").
    package let daylightAbbreviation: String

    init(
        identifier: String, transitions: [Int64], transitionTypes: [Int], types: [LocalTimeType],
        footer: PosixTimeZoneRule?
    ) {
        self.identifier = identifier
        self.transitions = transitions
        self.transitionTypes = transitionTypes
        self.types = types
        self.footer = footer
        if let footer {
            standardAbbreviation = footer.standard.abbreviation
            daylightAbbreviation = footer.daylight?.abbreviation ?? footer.standard.abbreviation
        } else {
            // glibc: the most recent abbreviation of each flavour, or the only one.
            var names: [Bool: String] = [:]
            for index in transitionTypes.reversed() where names[types[index].isDST] == nil {
                names[types[index].isDST] = types[index].abbreviation
                if names.count == 2 { break }
            }
            standardAbbreviation = names[false] ?? types.first?.abbreviation ?? "UTC"
            daylightAbbreviation = names[true] ?? standardAbbreviation
        }
    }

    /// Coordinated Universal Time.
    public static let utc = TimeZoneRules(
        identifier: "UTC", transitions: [], transitionTypes: [],
        types: [LocalTimeType(offset: 0, isDST: false, abbreviation: "UTC")], footer: nil)

    /// Rules from a POSIX `TZ` string such as `CET-1CEST,M3.5.0,M10.5.0/3`, or nil if it is not one.
    public init?(posixTZ: String) {
        guard let rule = PosixTimeZoneRule(posixTZ) else { return nil }
        self.init(identifier: posixTZ, transitions: [], transitionTypes: [], types: [rule.standard], footer: rule)
    }

    /// The local time type in effect at an instant given as seconds since the epoch, chosen as glibc does.
    package func localTimeType(at t: Int64) -> LocalTimeType {
        if transitions.isEmpty || t < transitions[0] {
            if transitions.isEmpty, let footer { return footer.localTimeType(at: t) }
            // Before the first transition glibc uses the first standard-time type.
            return types.first(where: { !$0.isDST }) ?? types[0]
        }
        if t >= transitions[transitions.count - 1] {
            if let footer { return footer.localTimeType(at: t) }
            return types[transitionTypes[transitions.count - 1]]
        }
        // Last transition at or before t.
        var low = 0
        var high = transitions.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if transitions[mid] <= t { low = mid } else { high = mid - 1 }
        }
        return types[transitionTypes[low]]
    }

    /// Broken-down local time of an instant, like `localtime_r`.
    package func localTime(at t: Int64) -> BrokenDownTime {
        let type = localTimeType(at: t)
        return BrokenDownTime(
            secondsSinceEpoch: t, offset: type.offset, isDST: type.isDST,
            abbreviation: type.abbreviation)
    }

    /// Whether local time is UTC at every instant (glibc: `timezone == 0 && daylight == 0`).
    public var isAlwaysUTC: Bool {
        let standard = footer?.standard ?? types.last(where: { !$0.isDST }) ?? types[0]
        return standard.offset == 0 && footer?.daylight == nil && !types.contains(where: \.isDST)
    }

    /// Offset from UTC in seconds at an instant.
    public func utcOffset(at t: Int64) -> Int { localTimeType(at: t).offset }

    /// The abbreviation in use at an instant ("CEST").
    public func abbreviation(at t: Int64) -> String { localTimeType(at: t).abbreviation }
}
