extension CalendarSpec {
    private static let microsecondsPerSecond = 1_000_000
    private static let maxYear = 2199
    /// Thu 9999-12-30 23:59:59 UTC, systemd's `USEC_TIMESTAMP_FORMATTABLE_MAX`.
    private static let formattableMax: Int64 = 253_402_214_399_000_000

    /// systemd's `calendar_spec_next_usec_impl`: the first elapse strictly after `after` (microseconds since the
    /// epoch), evaluated with `clock`, whose `mktime` memory carries over between calls like glibc's.
    package func nextElapse(afterMicroseconds after: Int64, clock: inout LocalClock) -> Int64? {
        guard after <= Self.formattableMax else { return nil }
        let usec = after + 1
        var tm = clock.localTime(usec.floorDivided(by: 1_000_000))
        var tmUsec = Int(usec.floorModulo(1_000_000))
        guard findNext(&tm, &tmUsec, clock: &clock) else { return nil }
        guard let t = clock.mktime(&tm), t >= 0 else { return nil }
        return t * 1_000_000 + Int64(tmUsec)
    }

    /// systemd's `find_next`, field by field; mktime normalises after every step so that DST gaps are skipped.
    private func findNext(_ tm: inout BrokenDownTime, _ usecOut: inout Int, clock: inout LocalClock) -> Bool {
        var c = tm
        var usec = usecOut
        func resetBelowMonth() {
            c.day = 1
            c.hour = 0
            c.minute = 0
            c.second = 0
            usec = 0
        }
        while true {
            _ = clock.mktime(&c)
            c.isDST = dst

            var r = matchComponent(year, value: &c.year, tm: c, clock: &clock)
            if r > 0 {
                c.month0 = 0
                resetBelowMonth()
            }
            if r < 0 { return false }
            if withinBounds(&c, clock: &clock) <= 0 { return false }

            var month1 = c.month0 + 1
            r = matchComponent(month, value: &month1, tm: c, clock: &clock)
            c.month0 = month1 - 1
            if r > 0 { resetBelowMonth() }
            if r >= 0 { r = withinBounds(&c, clock: &clock) }
            if r < 0 {
                c.year += 1
                c.month0 = 0
                resetBelowMonth()
                continue
            }
            if r == 0 { continue }

            r = matchComponent(day, value: &c.day, tm: c, clock: &clock, isDay: true)
            if r > 0 {
                c.hour = 0
                c.minute = 0
                c.second = 0
                usec = 0
            }
            if r >= 0 { r = withinBounds(&c, clock: &clock) }
            if r < 0 {
                c.month0 += 1
                resetBelowMonth()
                continue
            }
            if r == 0 { continue }

            if !matchesWeekday(c, clock: &clock) {
                c.day += 1
                c.hour = 0
                c.minute = 0
                c.second = 0
                usec = 0
                continue
            }

            r = matchComponent(hour, value: &c.hour, tm: c, clock: &clock)
            if r > 0 {
                c.minute = 0
                c.second = 0
                usec = 0
            }
            if r >= 0 { r = withinBounds(&c, clock: &clock) }
            if r < 0 {
                c.day += 1
                c.hour = 0
                c.minute = 0
                c.second = 0
                usec = 0
                continue
            }
            // The hour we set may not exist because of a zone change: start again from the normalised time.
            if r == 0 { continue }

            r = matchComponent(minute, value: &c.minute, tm: c, clock: &clock)
            if r > 0 {
                c.second = 0
                usec = 0
            }
            if r >= 0 { r = withinBounds(&c, clock: &clock) }
            if r < 0 {
                c.hour += 1
                c.minute = 0
                c.second = 0
                usec = 0
                continue
            }
            if r == 0 { continue }

            var micro = c.second * Self.microsecondsPerSecond + usec
            r = matchComponent(microsecond, value: &micro, tm: c, clock: &clock)
            usec = micro % Self.microsecondsPerSecond
            c.second = micro / Self.microsecondsPerSecond
            if r >= 0 { r = withinBounds(&c, clock: &clock) }
            if r < 0 {
                c.minute += 1
                c.second = 0
                usec = 0
                continue
            }
            if r == 0 { continue }

            tm = c
            usecOut = usec
            return true
        }
    }

    /// systemd's `find_matching_component`: moves `value` to the next value the field allows.
    /// Returns 1 if it moved, 0 if it already matched, -1 if nothing later matches.
    private func matchComponent(_ chain: [CalendarComponent], value: inout Int, tm: BrokenDownTime,
                                clock: inout LocalClock, isDay: Bool = false) -> Int
    {
        if chain.isEmpty { return 0 }
        var best: Int?
        for component in chain {
            var start = component.start
            var stop = component.stop
            if endOfMonth && isDay {
                start = lastDays(tm, start, clock: &clock)
                stop = lastDays(tm, stop, clock: &clock)
                if stop > 0 { swap(&start, &stop) }
            }
            if start >= value {
                if best == nil || start < best! { best = start }
            } else if component.repeatInterval > 0 {
                let step = component.repeatInterval
                let k = start + step * ((value - start + step - 1) / step)
                if (best == nil || k < best!) && (stop < 0 || k <= stop) { best = k }
            }
        }
        guard let best else { return -1 }
        defer { value = best }
        return value != best ? 1 : 0
    }

    /// systemd's `find_end_of_month`: the day of the month that is `day` days before the next month begins.
    private func lastDays(_ tm: BrokenDownTime, _ day: Int, clock: inout LocalClock) -> Int {
        var t = tm
        t.month0 += 1
        t.day = 1 - day
        guard clock.mktime(&t) != nil, t.month0 == tm.month0 else { return -1 }
        return t.day
    }

    /// systemd's `tm_within_bounds`: 1 if `tm` needed no normalisation, 0 if it did (and is now normalised),
    /// negative when out of range.
    private func withinBounds(_ tm: inout BrokenDownTime, clock: inout LocalClock) -> Int {
        if tm.year > Self.maxYear { return -1 }
        var t = tm
        guard clock.mktime(&t) != nil else { return -1 }
        let good =
            t.year == tm.year && t.month0 == tm.month0 && t.day == tm.day && t.hour == tm.hour
            && t.minute == tm.minute && t.second == tm.second
        if !good { tm = t }
        return good ? 1 : 0
    }

    private func matchesWeekday(_ tm: BrokenDownTime, clock: inout LocalClock) -> Bool {
        if weekdays < 0 || weekdays >= 127 { return true }
        var t = tm
        guard clock.mktime(&t) != nil else { return false }
        let k = t.weekday == 0 ? 6 : t.weekday - 1
        return weekdays & (1 << k) != 0
    }
}
