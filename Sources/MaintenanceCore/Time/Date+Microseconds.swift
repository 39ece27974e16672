public import FoundationEssentials

extension Date {
    /// Microseconds since 1970-01-01 00:00:00 UTC, rounded to the nearest; held at Int64's limits beyond them (an
    /// instant read from a damaged history is written back, never a crash).
    public var microsecondsSinceEpoch: Int64 {
        let microseconds = (timeIntervalSince1970 * 1_000_000).rounded()
        if microseconds.isNaN { return 0 }
        if microseconds >= 0x1p63 { return .max }
        if microseconds < -0x1p63 { return .min }
        return Int64(microseconds)
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
