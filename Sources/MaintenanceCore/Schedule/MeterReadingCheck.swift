public import FoundationEssentials

/// Whether a meter reading is plausible: meters only rise (from the value at the last completion before maintd, if
/// configured), not faster than the meter allows (give or take one step of its resolution), not from the future.
public enum MeterReadingCheck {
    /// How far in the future a reading's time may be (clock differences between machines).
    public static let allowedClockSkew: TimeInterval = 300
    /// The largest meter value accepted: anything larger is a typo or a broken sensor.
    public static let maxValue = 1e15

    /// nil when acceptable, else why it is refused. `readings` are the meter's other readings in time order; `floor`
    /// the lowest value the meter can show (its `lastDoneValue`).
    public static func problem(
        with reading: MeterReading, meter: Meter, previous readings: [MeterReading], floor: Double?, now: Date
    )
        -> String?
    {
        guard reading.value.isFinite, reading.value >= 0, reading.value <= maxValue else {
            return "\(reading.value) is not a meter value (it must be a number from 0 to 10^15)"
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
                // One step of the counter's resolution: a whole-hour counter read every 15 minutes may show +1.
                if rise > rate * hours + meter.resolution {
                    return
                        "\(value)\(unit) rose by \(rise.formatted(maxFractionDigits: 3))\(unit) in \(hours.formatted(maxFractionDigits: 2)) h since \(Timestamp.rfc3339(before.at)); at most \(rate.formatted(maxFractionDigits: 3))\(unit) per hour (± \(meter.resolution.formatted(maxFractionDigits: 6))\(unit)) is plausible"
                }
            }
        } else if let floor, reading.value < floor {
            return
                "\(value)\(unit) is lower than \(floor.formatted(maxFractionDigits: 6))\(unit), the value at the last completion before maintd (lastDoneValue); this meter only rises"
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
