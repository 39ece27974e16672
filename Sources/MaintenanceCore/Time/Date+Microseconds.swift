public import FoundationEssentials

extension Date {
    /// Microseconds since 1970-01-01 00:00:00 UTC, rounded to the nearest.
    public var microsecondsSinceEpoch: Int64 {
        Int64((timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Seconds since the epoch, rounded down.
    public var secondsSinceEpoch: Int64 {
        Int64(timeIntervalSince1970.rounded(.down))
    }

    /// The instant a count of microseconds after the epoch.
    public init(microsecondsSinceEpoch us: Int64) {
        self.init(timeIntervalSince1970: Double(us) / 1_000_000)
    }
}
