extension CalendarSpec {
    /// The normalised form, exactly as `systemd-analyze calendar` prints it ("Mon..Fri *-*-* 08:00:00").
    public var normalized: String {
        var out = ""
        if weekdays > 0 && weekdays <= 127 {
            out += Self.formatWeekdays(weekdays) + " "
        }
        out += Self.format(year, width: 4) + "-" + Self.format(month, width: 2) + (endOfMonth ? "~" : "-")
        out += Self.format(day, width: 2) + " " + Self.format(hour, width: 2) + ":" + Self.format(minute, width: 2)
        out += ":" + Self.format(microsecond, width: 2, seconds: true)
        if utc {
            out += " UTC"
        } else if let timezoneName {
            out += " " + timezoneName
        } else if dst == 0 || dst == 1 {
            let name = dst == 1 ? localZone.daylightAbbreviation : localZone.standardAbbreviation
            if !name.isEmpty { out += " " + name }
        }
        return out
    }

    private static func formatWeekdays(_ bits: Int) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var out = ""
        var runStart = -1
        var needComma = false
        for x in 0...names.count {
            let set = x < names.count && bits & (1 << x) != 0
            if set {
                if runStart < 0 {
                    if needComma { out += "," } else { needComma = true }
                    out += names[x]
                    runStart = x
                }
            } else if runStart >= 0 {
                if x > runStart + 1 {
                    out += (x > runStart + 2 ? ".." : ",") + names[x - 1]
                }
                runStart = -1
            }
        }
        return out
    }

    private static func format(_ chain: [CalendarComponent], width: Int, seconds: Bool = false) -> String {
        let d = seconds ? 1_000_000 : 1
        if chain.isEmpty { return "*" }
        // systemd's `chain_is_star`: a seconds component "0/1" covers every second, whatever else is listed.
        if seconds && chain.contains(where: { $0.start == 0 && $0.stop < 0 && $0.repeatInterval == d }) { return "*" }
        return chain.map { c in
            var out = padded(c.start / d, width)
            if c.start % d > 0 { out += "." + padded(c.start % d, 6) }
            if c.stop > 0 { out += ".." + padded(c.stop / d, width) }
            if c.stop % d > 0 { out += "." + padded(c.stop % d, 6) }
            if c.repeatInterval > 0 && !(c.stop > 0 && c.repeatInterval == d) { out += "/\(c.repeatInterval / d)" }
            if c.repeatInterval % d > 0 { out += "." + padded(c.repeatInterval % d, 6) }
            return out
        }.joined(separator: ",")
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
