public import Foundation

/// Whether a meter reading is plausible: meters only rise, not faster than the meter allows, and not from the future.
public enum MeterReadingCheck {
    /// How far in the future a reading's time may be (clock differences between machines).
    public static let allowedClockSkew: TimeInterval = 300

    /// nil when acceptable, else why it is refused.
    public static func problem(
        with reading: MeterReading, meter: Meter, previous readings: [MeterReading], now: Date
    )
        -> String?
    {
        guard reading.value.isFinite, reading.value >= 0 else {
            return "\(reading.value) is not a meter value (it must be a number of 0 or more)"
        }
        if reading.at.timeIntervalSince(now) > allowedClockSkew {
            return "its time \(Timestamp.rfc3339(reading.at)) is in the future"
        }
        let unit = meter.unit.isEmpty ? "" : " \(meter.unit)"
        let value = reading.value.formatted(maxFractionDigits: 6)
        if let before = readings.last(where: { $0.at <= reading.at }) {
            if reading.value < before.value {
                return
                    "\(value)\(unit) is lower than the previous reading \(before.value.formatted(maxFractionDigits: 6))\(unit) at \(Timestamp.rfc3339(before.at)); this meter only rises"
            }
            if let rate = maxRatePerHour(meter) {
                let hours = reading.at.timeIntervalSince(before.at) / 3_600
                let rise = reading.value - before.value
                // A little slack for readings taken seconds apart.
                if rise > rate * hours + rate / 60 {
                    return
                        "\(value)\(unit) rose by \(rise.formatted(maxFractionDigits: 3))\(unit) in \(hours.formatted(maxFractionDigits: 2)) h since \(Timestamp.rfc3339(before.at)); at most \(rate.formatted(maxFractionDigits: 3))\(unit) per hour is plausible"
                }
            }
        }
        if let after = readings.first(where: { $0.at > reading.at }), reading.value > after.value {
            return
                "\(value)\(unit) is higher than the later reading \(after.value.formatted(maxFractionDigits: 6))\(unit) at \(Timestamp.rfc3339(after.at)); this meter only rises"
        }
        return nil
    }

    /// The meter's plausible rate: as configured, or 1.1 per hour for meters counting hours.
    public static func maxRatePerHour(_ meter: Meter) -> Double? {
        if let rate = meter.maxRatePerHour { return rate }
        return ["h", "hour", "hours", "hr", "hrs"].contains(meter.unit.lowercased()) ? 1.1 : nil
    }
}
