/// `localtime_r` and `mktime` over ``TimeZoneRules``, reproducing glibc 2.36 as Debian 12 ships it exactly, including its memory of the
/// last offset it found.
///
/// That memory decides which of two equal wall-clock times in a DST overlap `mktime` returns, and systemd's calendar
/// evaluation calls `mktime` many times per elapse, so the next elapse of an expression in an overlap depends on it.
/// Reproducing it is what makes the core agree with `systemd-analyze calendar` to the second.
package struct LocalClock: Sendable {
    package let rules: TimeZoneRules
    /// glibc's `localtime_offset`: instant minus local-as-UTC of the last `mktime` result.
    package var offsetGuess: Int64 = 0

    package init(rules: TimeZoneRules) {
        self.rules = rules
    }

    /// Broken-down local time of an instant (seconds since the epoch).
    package func localTime(_ t: Int64) -> BrokenDownTime {
        rules.localTime(at: t)
    }

    /// Normalises `tm` and returns the instant it denotes, like glibc's `mktime`; nil where `mktime` fails.
    package mutating func mktime(_ tm: inout BrokenDownTime) -> Int64? {
        let requestedSecond = tm.second
        let isdst = tm.isDST
        var probe = tm
        // ydhms_diff assumes 60 seconds per minute; glibc clamps and re-applies the seconds at the end.
        probe.second = min(max(tm.second, 0), 59)
        let sec = probe.second
        let requested = probe.secondsAsIfUTC
        let t0 = requested + offsetGuess
        var t = t0
        var t1 = t0
        var t2 = t0
        var dst2 = false
        var remainingProbes = 6
        var converted: BrokenDownTime
        var found = false
        while true {
            converted = localTime(t)
            let dt = requested - converted.secondsAsIfUTC
            if dt == 0 { break }
            let oscillating =
                t == t1 && t != t2
                && (isdst < 0 ? (dst2 ? 1 : 0) <= converted.isDST : (isdst != 0) != (converted.isDST != 0))
            if oscillating {
                // A spring-forward gap: glibc returns the time `dt` away from the requested one.
                found = true
                break
            }
            remainingProbes -= 1
            if remainingProbes == 0 { return nil }
            t1 = t2
            t2 = t
            t += dt
            dst2 = converted.isDST != 0
        }
        if !found && Self.isDSTDiffer(isdst, converted.isDST) {
            // Right wall time, wrong DST flag: borrow the offset of a nearby instant with the requested flag.
            // +1 if standard time was wanted but DST found, -1 for the reverse.
            let dstDifference = Int64((isdst == 0 ? 1 : 0) - (converted.isDST == 0 ? 1 : 0))
            let stride: Int64 = 601_200
            let deltaBound: Int64 = 457_243_209 / 2 + stride
            var delta = stride
            var borrowed = false
            search: while delta < deltaBound {
                for direction: Int64 in [-1, 1] {
                    let ot = t + delta * direction
                    let other = localTime(ot)
                    if !Self.isDSTDiffer(isdst, other.isDST) {
                        let gt = ot + (requested - other.secondsAsIfUTC)
                        converted = localTime(gt)
                        t = gt
                        borrowed = true
                        break search
                    }
                }
                delta += stride
            }
            if !borrowed {
                // Nothing nearby has the requested flag: glibc assumes a one-hour DST difference.
                t += 3_600 * dstDifference
                converted = localTime(t)
            }
        }
        offsetGuess = t - requested
        if requestedSecond != sec {
            t += Int64(requestedSecond - sec)
            converted = localTime(t)
        }
        tm = converted
        return t
    }

    private static func isDSTDiffer(_ a: Int, _ b: Int) -> Bool {
        ((a == 0) != (b == 0)) && a >= 0 && b >= 0
    }
}
