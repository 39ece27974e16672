public import FoundationEssentials

/// Reading and writing instants as people and programs exchange them.
public enum Timestamp {
    /// RFC 3339 in UTC, with microseconds only when there are any: `2026-03-30T00:30:00Z`.
    public static func rfc3339(_ date: Date) -> String {
        // Written digit by digit into one buffer: every reply formats several instants per task.
        let us = date.microsecondsSinceEpoch
        let seconds = us.floorDivided(by: 1_000_000)
        let days = seconds.floorDivided(by: 86_400)
        let time = Int(seconds - days * 86_400)
        let (year, month, day) = Gregorian.date(days: days)
        let fraction = Int(us.floorModulo(1_000_000))
        guard (0...9_999).contains(year) else {
            // Outside four-digit years (only far-future schedules get there): the plain way.
            var out = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(time / 3_600, 2)):"
            out += "\(pad(time / 60 % 60, 2)):\(pad(time % 60, 2))"
            if fraction != 0 { out += "." + pad(fraction, 6) }
            return out + "Z"
        }
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var index = 0
            func digits(_ value: Int, _ width: Int) {
                var value = value
                for position in stride(from: index + width - 1, through: index, by: -1) {
                    buffer[position] = UInt8(48 + value % 10)
                    value /= 10
                }
                index += width
            }
            func character(_ byte: UInt8) {
                buffer[index] = byte
                index += 1
            }
            digits(year, 4)
            character(0x2D)
            digits(month, 2)
            character(0x2D)
            digits(day, 2)
            character(0x54)
            digits(time / 3_600, 2)
            character(0x3A)
            digits(time / 60 % 60, 2)
            character(0x3A)
            digits(time % 60, 2)
            if fraction != 0 {
                character(0x2E)
                digits(fraction, 6)
            }
            character(0x5A)
            return index
        }
    }

    /// Parses RFC 3339 (`2026-03-28T12:00:00Z`, `2026-03-28T13:00:00.5+01:00`; a space may replace the `T`).
    public static func parseRFC3339(_ text: String) -> Date? {
        var scanner = DigitScanner(text)
        guard let (days, seconds) = scanner.dateAndTime() else { return nil }
        var micro = 0
        if scanner.consume(".") {
            guard let (value, digits) = scanner.digits(max: 9), digits > 0 else { return nil }
            var v = value
            for _ in digits..<9 { v *= 10 }
            micro = v / 1_000
        }
        let offset: Int
        if scanner.consume("Z") || scanner.consume("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.fixed(2), scanner.consume(":"), let minutes = scanner.fixed(2), hours < 24,
                minutes < 60
            else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        let t = days * 86_400 + Int64(seconds) - Int64(offset)
        return Date(microsecondsSinceEpoch: t * 1_000_000 + Int64(micro))
    }

    /// A local date and time without offset (`2026-03-28`, `2026-03-28T06:00`, `2026-03-28 06:00:00`), in `zone`.
    public static func parseLocal(_ text: String, in zone: TimeZoneRules) -> Date? {
        var scanner = DigitScanner(text)
        guard let (days, seconds) = scanner.dateAndTime(timeOptional: true), scanner.atEnd else { return nil }
        let (year, month, day) = Gregorian.date(days: days)
        var tm = BrokenDownTime(
            year: year, month0: month - 1, day: day, hour: seconds / 3_600,
            minute: seconds / 60 % 60, second: seconds % 60)
        var clock = LocalClock(rules: zone)
        guard let t = clock.mktime(&tm) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(t))
    }

    /// An RFC 3339 instant, or a local date/time in `zone` when no offset is written.
    public static func parse(_ text: String, localZone zone: TimeZoneRules) -> Date? {
        parseRFC3339(text) ?? parseLocal(text, in: zone)
    }

    /// `Mon 2026-03-30 02:30:00 CEST`, as systemd prints timestamps.
    public static func systemdStyle(_ date: Date, in zone: TimeZoneRules) -> String {
        let t = zone.localTime(at: date.secondsSinceEpoch)
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        return "\(names[t.weekday]) \(pad(t.year, 4))-\(pad(t.month0 + 1, 2))-\(pad(t.day, 2)) "
            + "\(pad(t.hour, 2)):\(pad(t.minute, 2)):\(pad(t.second, 2)) \(t.abbreviation)"
    }

    /// `2026-11-20 06:00` in a zone, for messages to people.
    public static func wallClock(_ date: Date, in zone: TimeZoneRules) -> String {
        let t = zone.localTime(at: date.secondsSinceEpoch)
        return "\(pad(t.year, 4))-\(pad(t.month0 + 1, 2))-\(pad(t.day, 2)) \(pad(t.hour, 2)):\(pad(t.minute, 2))"
    }

    /// `value` with leading zeros to `width` digits.
    package static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
