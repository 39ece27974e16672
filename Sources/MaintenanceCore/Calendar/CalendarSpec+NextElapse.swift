extension CalendarSpec {
    private static let microsecondsPerSecond = 1_000_000
    private static let maxYear = 2199
    private static let maxIterations = 1_000
    /// Thu 9999-12-30 23:59:59 UTC, systemd's `USEC_TIMESTAMP_FORMATTABLE_MAX`.
    private static let formattableMax: Int64 = 253_402_214_399_000_000

    /// systemd's `calendar_spec_next_usec_impl`: the first elapse strictly after `after` (microseconds since the
    /// epoch), evaluated with `clock`, whose `mktime` memory carries over between calls like glibc's.
    package func nextElapse(afterMicroseconds after: Int64, clock: inout LocalClock) -> CalendarElapse {
        guard after <= Self.formattableMax else { return .failed }
        let usec = after + 1
        var tm = clock.localTime(usec.floorDivided(by: 1_000_000))
        var tmUsec = Int(usec.floorModulo(1_000_000))
        switch findNext(&tm, &tmUsec, clock: &clock) {
        case .never: return .never
        case .failed: return .failed
        case .at: break
        }
        guard let t = clock.mktime(&tm), t >= 0 else { return .failed }
        return .at(t * 1_000_000 + Int64(tmUsec))
    }

    /// systemd's `find_next`, field by field; mktime normalises after every step so that DST gaps are skipped.
    /// Like systemd, it gives up after 1000 steps (expressions that only name times a DST change skips).
    private func findNext(
        _ tm: inout BrokenDownTime, _ usecOut: inout Int, clock: inout LocalClock
    )
        -> CalendarElapse
    {
        var c = tm
        var usec = usecOut
        // Set once the search is stuck on a time that is not after the start (a DST overlap named with a DST
        // abbreviation): from then on mktime decides the DST flag (systemd 252's `invalidate_dst`).
        var invalidateDST = false
        func resetBelowMonth() {
            c.day = 1
            c.hour = 0
            c.minute = 0
            c.second = 0
            usec = 0
        }
        for _ in 0..<Self.maxIterations {
            _ = clock.mktime(&c)
            if !invalidateDST { c.isDST = dst }

            var r = matchComponent(year, value: &c.year, tm: c, clock: &clock)
            if r > 0 {
                c.month0 = 0
                resetBelowMonth()
            }
            if r < 0 { return .never }
            if withinBounds(&c, clock: &clock) <= 0 { return .never }

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

            var order = Self.compare(tm, c)
            if order == 0 { order = usecOut < usec + 1 ? -1 : (usecOut == usec + 1 ? 0 : 1) }
            if order >= 0 {
                // Stuck: advance and let mktime determine the DST transition.
                invalidateDST = true
                c.hour += 1
                continue
            }

            tm = c
            usecOut = usec
            return .at(0)
        }
        return .failed
    }

    /// systemd's `find_matching_component`: moves `value` to the next value the field allows.
    /// Returns 1 if it moved, 0 if it already matched, -1 if nothing later matches.
    private func matchComponent(
        _ chain: [CalendarComponent], value: inout Int, tm: BrokenDownTime,
        clock: inout LocalClock, isDay: Bool = false
    ) -> Int {
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

    /// systemd's `tm_within_bounds`: 1 if `tm` needed no normalisation; 0 if it did and moved forward (`tm` is then
    /// the normalised time with the units below the changed one reset); negative when out of range or when
    /// normalisation went backwards, which systemd refuses.
    private func withinBounds(_ tm: inout BrokenDownTime, clock: inout LocalClock) -> Int {
        if tm.year > Self.maxYear { return -1 }
        var t = tm
        guard clock.mktime(&t) != nil else { return -1 }
        let order: Int
        if t.year != tm.year {
            order = t.year < tm.year ? -1 : 1
            t.month0 = 0
        } else if t.month0 != tm.month0 {
            order = t.month0 < tm.month0 ? -1 : 1
            t.day = 1
        } else if t.day != tm.day {
            order = t.day < tm.day ? -1 : 1
            t.hour = 0
        } else if t.hour != tm.hour {
            order = t.hour < tm.hour ? -1 : 1
            t.minute = 0
        } else if t.minute != tm.minute {
            order = t.minute < tm.minute ? -1 : 1
            t.second = 0
        } else {
            order = t.second == tm.second ? 0 : (t.second < tm.second ? -1 : 1)
        }
        if order < 0 { return -2 }
        if order > 0 { tm = t }
        return order == 0 ? 1 : 0
    }

    /// systemd's `tm_compare`: the order of two broken-down times by their fields.
    private static func compare(_ a: BrokenDownTime, _ b: BrokenDownTime) -> Int {
        let left = (a.year, a.month0, a.day, a.hour, a.minute, a.second)
        let right = (b.year, b.month0, b.day, b.hour, b.minute, b.second)
        return left < right ? -1 : (left == right ? 0 : 1)
    }

    private func matchesWeekday(_ tm: BrokenDownTime, clock: inout LocalClock) -> Bool {
        if weekdays < 0 || weekdays >= 127 { return true }
        var t = tm
        guard clock.mktime(&t) != nil else { return false }
        let k = t.weekday == 0 ? 6 : t.weekday - 1
        return weekdays & (1 << k) != 0
    }
}
