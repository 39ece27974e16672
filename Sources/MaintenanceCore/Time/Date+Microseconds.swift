public import FoundationEssentials

extension Date {
    /// Microseconds since 1970-01-01 00:00:00 UTC, rounded to the nearest; held at Int64's limits beyond them.
    public var microsecondsSinceEpoch: Int64 {
        Self.held((timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Seconds since the epoch, rounded down; held at Int64's limits beyond them.
    public var secondsSinceEpoch: Int64 {
        Self.held(timeIntervalSince1970.rounded(.down))
    }

    /// A whole number of units as an Int64, held at its limits (0 for NaN): an instant read from a damaged history is
    /// written back or shown, never a crash.
    private static func held(_ units: Double) -> Int64 {
        if units.isNaN { return 0 }
        if units >= 0x1p63 { return .max }
        if units < -0x1p63 { return .min }
        return Int64(units)
    }

    /// The instant a count of microseconds after the epoch.
    public init(microsecondsSinceEpoch us: Int64) {
        self.init(timeIntervalSince1970: Double(us) / 1_000_000)
    }
}
