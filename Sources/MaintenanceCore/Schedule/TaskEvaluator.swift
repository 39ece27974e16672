public import FoundationEssentials

/// Computes a task's due state from configuration, history and `now`. Pure: no clock, no I/O.
///
/// Rules a lead can rely on:
/// - Triggers combine: the task is as urgent as its most urgent trigger.
/// - A passing completion or a skip covers an occurrence; a failed completion covers nothing.
/// - A failed completion after the last pass (or skip) makes the task due at once for a retest.
/// - Floating `every`: next due = last completion + interval. Fixed grid: occurrence n is n intervals from the anchor
///   (`lastDone`, else `commissioned`), clamped to the month's end, never the previous due + interval (which would
///   drift from Jan 31 to the 28th for ever). Grid and calendar: a completion covers the next occurrence if that one
///   is already upcoming, else the one it follows; the grid never moves.
/// - Percentage lead times and tolerances are shares of the interval rounded to whole minutes.
/// - Never done, no `lastDone`: due one interval after `commissioned`, or when the task first appeared; a calendar
///   task is due at its first elapse after it appeared.
/// - Meters: due every N units after the value at the last completion (or `lastDoneValue`, or 0).
public struct TaskEvaluator: Sendable {
    public let zone: TimeZoneRules
    /// When a task without any history or dates first counts as due, if the history does not say.
    public let defaultFirstSeen: Date
    /// How far back meter readings are used to estimate a rate.
    public static let rateWindow: TimeInterval = 30 * 86_400

    /// The site's working calendar, and the lines' where they differ.
    public let calendar: PlantCalendar
    public let lineCalendars: [String: PlantCalendar]

    public init(
        zone: TimeZoneRules, defaultFirstSeen: Date, calendar: PlantCalendar = .everyDay,
        lineCalendars: [String: PlantCalendar] = [:]
    ) {
        self.zone = zone
        self.defaultFirstSeen = defaultFirstSeen
        self.calendar = calendar
        self.lineCalendars = lineCalendars
    }

    /// An evaluator for a configuration's zone and calendars.
    public init(_ configuration: Configuration, defaultFirstSeen: Date) {
        self.init(
            zone: configuration.zone, defaultFirstSeen: defaultFirstSeen, calendar: configuration.calendar,
            lineCalendars: configuration.lineCalendars)
    }

    /// The status of `task` on `equipment` at `now`.
    public func evaluate(
        _ task: MaintenanceTask, of equipment: Equipment, history: MaintenanceHistory, now: Date
    )
        -> TaskStatus
    {
        let key = TaskKey(equipment: equipment.id, task: task.id)
        let keys = ([equipment.id] + equipment.formerIds).flatMap { e in
            ([task.id] + task.formerIds).map { TaskKey(equipment: e, task: $0) }
        }
        let completions = history.merged(history.completions, keys: keys, by: \.performedAt)
        let skips = history.merged(history.skips, keys: keys, by: \.dueAt)
        let passing = completions.last(where: \.passed)
        let lastSkip = skips.last
        let coverage: Coverage? = {
            let done = passing.map { Coverage(time: $0.performedAt, skip: nil) }
            let skipped = lastSkip.map { Coverage(time: $0.dueAt, skip: $0) }
            guard let done else { return skipped }
            guard let skipped else { return done }
            return skipped.time > done.time ? skipped : done
        }()
        let firstSeen = self.firstSeen(keys, history)

        var candidates: [TaskStatus] = []
        if let every = task.every {
            candidates.append(
                task.anchor == .completion
                    ? floating(every, task, key, equipment, coverage, firstSeen, now)
                    : grid(every, task, key, equipment, coverage, firstSeen, now))
        }
        if let calendar = task.calendar {
            candidates.append(calendarStatus(calendar, task, key, equipment, coverage, firstSeen, now))
        }
        if let trigger = task.meter {
            candidates.append(meterStatus(trigger, task, key, equipment, coverage, history, now))
        }
        if let once = task.dueOnce {
            // Follow-up work: due once; a pass or a skip closes it.
            candidates.append(
                coverage == nil
                    ? timed(.once, key, due: once, period: 0, task, equipment, now)
                    : TaskStatus(key: key, state: .scheduled, trigger: .once, occurrence: .never, nextChange: nil))
        }
        var status = candidates.max { a, b in
            if a.state.urgency != b.state.urgency { return a.state.urgency < b.state.urgency }
            return (a.expectedAt ?? .distantFuture) > (b.expectedAt ?? .distantFuture)
        }!
        status.lastDone = passing?.performedAt ?? task.lastDone
        if let failed = completions.last, !failed.passed, failed.performedAt > (coverage?.time ?? .distantPast) {
            applyRetest(after: failed, to: &status, task: task, now: now)
        }

        let deferrals = history.merged(history.deferrals, keys: keys, by: \.recordedAt)
        if let deferral = deferrals.last(where: { $0.occurrence == status.occurrence }) {
            applyDeferral(deferral, to: &status, task: task, now: now)
        }
        if !equipment.inService {
            status.state = .suspended
            status.nextChange = nil
        }
        return status
    }

    /// When maintd first saw a task (under any of its keys, the current one first).
    func firstSeen(_ keys: [TaskKey], _ history: MaintenanceHistory) -> Date {
        keys.lazy.compactMap { history.firstSeen[$0] }.first ?? defaultFirstSeen
    }

    // MARK: Triggers

    private struct Coverage {
        var time: Date
        var skip: Skip?
    }

    private func floating(
        _ every: MaintenanceInterval, _ task: MaintenanceTask, _ key: TaskKey,
        _ equipment: Equipment, _ coverage: Coverage?, _ firstSeen: Date, _ now: Date
    ) -> TaskStatus {
        // A completion back-dated before the configured lastDone does not pull the schedule back.
        let base = Self.latest(coverage?.time, task.lastDone) ?? equipment.commissioned
        let due = base.map { every.advance($0, in: zone) } ?? firstSeen
        let period = base.map { due.timeIntervalSince($0) } ?? every.advance(due, in: zone).timeIntervalSince(due)
        return timed(.interval, key, due: due, period: period, task, equipment, now)
    }

    /// Occurrence k of a fixed grid: k + 1 intervals from the anchor (or k from when maintd first saw the task),
    /// always counted from the anchor itself so that month ends stay month ends.
    func gridPoint(
        _ k: Int, _ every: MaintenanceInterval, _ task: MaintenanceTask, _ equipment: Equipment, _ firstSeen: Date
    ) -> Date {
        let anchor = task.lastDone ?? equipment.commissioned
        return anchor.map { every.advance($0, times: k + 1, in: zone) } ?? every.advance(firstSeen, times: k, in: zone)
    }

    private func grid(
        _ every: MaintenanceInterval, _ task: MaintenanceTask, _ key: TaskKey,
        _ equipment: Equipment, _ coverage: Coverage?, _ firstSeen: Date, _ now: Date
    ) -> TaskStatus {
        func point(_ k: Int) -> Date { gridPoint(k, every, task, equipment, firstSeen) }
        let origin = point(0)
        func period(_ k: Int) -> TimeInterval { point(k + 1).timeIntervalSince(point(k)) }
        // A completion long before the grid starts (not even inside the first lead time) covers nothing.
        guard let covered = coverage?.time, covered >= upcoming(point(0), period: period(0), task, equipment) else {
            return timed(.grid, key, due: origin, period: period(0), task, equipment, now)
        }
        // The first grid point after the covering event.
        var k = max(0, Int((covered.timeIntervalSince(origin) / max(every.approximateSeconds, 1)).rounded(.down)))
        while k > 0 && point(k) > covered { k -= 1 }
        while point(k) <= covered { k += 1 }
        let next = point(k)
        let coversNext = covered >= upcoming(next, period: period(k), task, equipment)
        let dueIndex = coversNext ? k + 1 : k
        return timed(.grid, key, due: point(dueIndex), period: period(dueIndex), task, equipment, now)
    }

    private func calendarStatus(
        _ spec: CalendarSpec, _ task: MaintenanceTask, _ key: TaskKey,
        _ equipment: Equipment, _ coverage: Coverage?, _ firstSeen: Date, _ now: Date
    )
        -> TaskStatus
    {
        func periodAfter(_ date: Date) -> TimeInterval {
            (spec.nextElapse(after: date) ?? date.addingTimeInterval(86_400)).timeIntervalSince(date)
        }
        let due: Date?
        if let covered = Self.latest(coverage?.time, task.lastDone) {
            if let next = spec.nextElapse(after: covered) {
                due =
                    covered >= upcoming(next, period: periodAfter(next), task, equipment)
                    ? spec.nextElapse(after: next) : next
            } else {
                due = nil
            }
        } else {
            // Without a record of the last time, calendar occurrences before maintd knew the task are not claimed
            // as missed: the first one due is the first at or after the task appeared (or was commissioned).
            let base = max(equipment.commissioned ?? firstSeen, firstSeen)
            due = spec.nextElapse(after: base.addingTimeInterval(-0.000_001))
        }
        guard let due else {
            // The expression never elapses again (its last year is past): nothing is due.
            return TaskStatus(key: key, state: .scheduled, trigger: .calendar, occurrence: .never, nextChange: nil)
        }
        return timed(.calendar, key, due: due, period: periodAfter(due), task, equipment, now)
    }

    /// Status of an occurrence the schedule put at `scheduled`, due when the plant calendar moves it to.
    private func timed(
        _ trigger: TriggerKind, _ key: TaskKey, due scheduled: Date, period: TimeInterval,
        _ task: MaintenanceTask, _ equipment: Equipment, _ now: Date
    ) -> TaskStatus {
        let placed = place(scheduled, period: period, task, equipment)
        let due = placed.due
        let upcomingAt = due - lead(task, period, due)
        let overdueAt = placed.overdue
        let state: DueState =
            now >= overdueAt ? .overdue : now >= due ? .due : now >= upcomingAt ? .upcoming : .scheduled
        let next = [upcomingAt, due, overdueAt].filter { $0 > now }.min()
        var status = TaskStatus(
            key: key, state: state, trigger: trigger, occurrence: .instant(scheduled), dueAt: due,
            upcomingAt: upcomingAt, overdueAt: overdueAt, nextChange: next)
        status.dueMove = placed.move
        return status
    }

    /// When an occurrence the schedule put at `scheduled` becomes upcoming, once the plant calendar has placed it.
    private func upcoming(
        _ scheduled: Date, period: TimeInterval, _ task: MaintenanceTask, _ equipment: Equipment
    ) -> Date {
        let due = moved(scheduled, period: period, task, equipment).due
        return due - lead(task, period, due)
    }

    /// Where the plant calendar puts an occurrence the schedule put at `scheduled`, and when it becomes overdue: a job
    /// that needs the line down into the last shutdown that starts before it is due and is not over more than a
    /// tolerance before; any other off a non-working day as the task says. The schedule itself never moves: the next
    /// occurrence comes from it.
    func place(
        _ scheduled: Date, period: TimeInterval, _ task: MaintenanceTask, _ equipment: Equipment
    ) -> (due: Date, overdue: Date, move: DueMove?) {
        let (due, shutdownEnd, move) = moved(scheduled, period: period, task, equipment)
        return (due, shutdownEnd ?? overdue(task, period, due), move)
    }

    /// Where the plant calendar puts an occurrence, and the end of the shutdown it went into (nil: overdue one
    /// tolerance after its due instant, as always).
    private func moved(
        _ scheduled: Date, period: TimeInterval, _ task: MaintenanceTask, _ equipment: Equipment
    ) -> (due: Date, shutdownEnd: Date?, move: DueMove?) {
        // Most plants work every day and have no job that needs the line down: nothing to work out per task.
        let calendar = lineCalendars.isEmpty ? self.calendar : lineCalendars[equipment.line] ?? self.calendar
        if task.shutdownOnly {
            let tolerance = overdue(task, period, scheduled).timeIntervalSince(scheduled)
            let window = calendar.shutdowns.last { shutdown in
                let (start, end) = shutdownInstants(shutdown)
                return start <= scheduled && end > scheduled - tolerance
            }
            guard let window else {
                return (
                    scheduled, nil,
                    DueMove(
                        from: scheduled, reason: "no shutdown starts before it is due, within its tolerance",
                        noShutdownFits: true)
                )
            }
            let (start, end) = shutdownInstants(window)
            return (
                max(start, scheduled - tolerance), end,
                DueMove(
                    from: scheduled,
                    reason:
                        "into the \(window.reason) (\(Gregorian.dayText(window.from)) to \(Gregorian.dayText(window.to)))"
                )
            )
        }
        guard task.onNonWorkingDay != .keep, !calendar.worksEveryDay else { return (scheduled, nil, nil) }
        let local = zone.localTime(at: scheduled.secondsSinceEpoch)
        let day = Gregorian.days(year: local.year, month: local.month0 + 1, day: local.day)
        guard let reason = calendar.nonWorkingReason(day: day) else { return (scheduled, nil, nil) }
        let step: Int64 = task.onNonWorkingDay == .next ? 1 : -1
        var target = day + step
        // A calendar that works no day at all cannot be, but a year of holidays is the most a search goes.
        while calendar.nonWorkingReason(day: target) != nil && abs(target - day) < 366 { target += step }
        let (year, month, dayOfMonth) = Gregorian.date(days: target)
        var moved = local
        (moved.year, moved.month0, moved.day) = (year, month - 1, dayOfMonth)
        let due = Date(
            timeIntervalSince1970: TimeInterval(zone.instant(forLocal: moved, preferringOffset: local.utcOffset))
                + scheduled.timeIntervalSince1970.truncatingRemainder(dividingBy: 1))
        return (due, nil, DueMove(from: scheduled, reason: reason))
    }

    /// A shutdown's first and last instants: from the site midnight of its first day to that of the day after its
    /// last.
    private func shutdownInstants(_ shutdown: PlantCalendar.Shutdown) -> (Date, Date) {
        func midnight(_ day: Int64) -> Date {
            let (year, month, dayOfMonth) = Gregorian.date(days: day)
            let local = BrokenDownTime(year: year, month0: month - 1, day: dayOfMonth)
            return Date(timeIntervalSince1970: TimeInterval(zone.instant(forLocal: local, preferringOffset: 0)))
        }
        return (midnight(shutdown.from), midnight(shutdown.to + 1))
    }

    /// The lead time before `due`, in seconds.
    private func lead(_ task: MaintenanceTask, _ period: TimeInterval, _ due: Date) -> TimeInterval {
        switch task.leadTime {
        case .percent(let share): Self.share(share, of: period)
        case .duration(let span): due.timeIntervalSince(span.retreat(due, in: zone))
        }
    }

    /// A percentage of a period, rounded to whole minutes (so 10 % of 35 h is 3 h 30 min, not 3 h 29 min 60 s).
    static func share(_ percent: Double, of period: TimeInterval) -> TimeInterval {
        (max(0, period) * percent / 100 / 60).rounded() * 60
    }

    /// When an occurrence due at `due` becomes overdue.
    func overdue(_ task: MaintenanceTask, _ period: TimeInterval, _ due: Date) -> Date {
        switch task.tolerance {
        case .percent(let share): due + Self.share(share, of: period)
        case .duration(let span): span.advance(due, in: zone)
        }
    }

    private func meterStatus(
        _ trigger: MeterTrigger, _ task: MaintenanceTask, _ key: TaskKey,
        _ equipment: Equipment, _ coverage: Coverage?, _ history: MaintenanceHistory,
        _ now: Date
    ) -> TaskStatus {
        // Readings recorded under former equipment ids count too.
        let readings = ([equipment.id] + equipment.formerIds).flatMap {
            history.readings(equipment: $0, meter: trigger.meter)
        }.filter { $0.at <= now }.sorted { $0.at < $1.at }
        let baseline: Double
        if let skip = coverage?.skip, case .meter(let meter, let value) = skip.occurrence, meter == trigger.meter {
            baseline = value
        } else if let time = coverage?.time {
            baseline = (readings.last { $0.at <= time } ?? readings.first)?.value ?? trigger.lastDoneValue ?? 0
        } else {
            baseline = trigger.lastDoneValue ?? 0
        }
        let dueValue = baseline + trigger.every
        let after = coverage?.time ?? .distantPast
        let relevant = readings.filter { $0.at >= after }
        func reached(_ value: Double) -> Date? { relevant.first { $0.value >= value }?.at }

        let rate = Self.ratePerSecond(readings)
        let current = readings.last
        var forecast: Date?
        if let current, let rate, rate > 0, current.value < dueValue {
            forecast = current.at + (dueValue - current.value) / rate
        }
        let dueAt = reached(dueValue)
        var overdueValue: Double?
        var overdueAt: Date?
        switch task.tolerance {
        case .percent(let share):
            overdueValue = dueValue + trigger.every * share / 100
            overdueAt = reached(overdueValue!)
        case .duration(let span):
            overdueAt = dueAt.map { span.advance($0, in: zone) }
        }
        var upcomingAt: Date?
        switch task.leadTime {
        case .percent(let share): upcomingAt = reached(dueValue - trigger.every * share / 100)
        case .duration(let span): upcomingAt = forecast.map { span.retreat($0, in: zone) }
        }
        let state: DueState
        if let overdueAt, now >= overdueAt {
            state = .overdue
        } else if dueAt != nil {
            state = .due
        } else if let upcomingAt, now >= upcomingAt {
            state = .upcoming
        } else {
            state = .scheduled
        }
        let next = [upcomingAt, overdueAt].compactMap { $0 }.filter { $0 > now }.min()
        let unit = equipment.meter(trigger.meter)?.unit ?? ""
        return TaskStatus(
            key: key, state: state, trigger: .meter, occurrence: .meter(trigger.meter, dueValue),
            dueAt: dueAt, upcomingAt: upcomingAt, overdueAt: overdueAt,
            meter: MeterProgress(
                meter: trigger.meter, unit: unit, dueValue: dueValue, current: current?.value,
                overdueValue: overdueValue, ratePerHour: rate.map { $0 * 3_600 }),
            forecastAt: forecast, nextChange: next)
    }

    /// The later of two optional instants.
    static func latest(_ a: Date?, _ b: Date?) -> Date? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// Units per second over the readings of the last 30 days before the latest one; nil without two readings.
    static func ratePerSecond(_ readings: [MeterReading]) -> Double? {
        guard let last = readings.last else { return nil }
        let window = readings.filter { $0.at >= last.at - rateWindow }
        guard let first = window.first, last.at > first.at else { return nil }
        return (last.value - first.value) / last.at.timeIntervalSince(first.at)
    }

    /// A failed completion not yet followed by a pass: due at once (at the failure) for a retest, and overdue one
    /// tolerance after the failure unless the occurrence itself is overdue sooner.
    private func applyRetest(after failed: Completion, to status: inout TaskStatus, task: MaintenanceTask, now: Date) {
        status.awaitingRetest = failed
        let due = min(status.dueAt ?? failed.performedAt, failed.performedAt)
        let period = (status.overdueAt ?? due).timeIntervalSince(status.dueAt ?? due)
        let retestOverdue: Date
        switch task.tolerance {
        case .percent: retestOverdue = failed.performedAt + max(0, period)
        case .duration(let span): retestOverdue = span.advance(failed.performedAt, in: zone)
        }
        let overdueAt = min(status.overdueAt ?? retestOverdue, retestOverdue)
        status.upcomingAt = min(status.upcomingAt ?? due, due)
        status.dueAt = due
        status.overdueAt = overdueAt
        status.state = now >= overdueAt ? .overdue : now >= due ? .due : status.state
        status.nextChange = overdueAt > now ? overdueAt : nil
    }

    private func applyDeferral(_ deferral: Deferral, to status: inout TaskStatus, task: MaintenanceTask, now: Date) {
        status.deferral = deferral
        if now < deferral.until {
            status.state = .deferred
            status.nextChange = deferral.until
            return
        }
        // The deferral ran out: due from its end, overdue one tolerance later.
        let due = max(status.dueAt ?? deferral.until, deferral.until)
        let period = (status.overdueAt ?? due).timeIntervalSince(status.dueAt ?? due)
        let overdueAt: Date
        switch task.tolerance {
        case .percent: overdueAt = due + period
        case .duration(let span): overdueAt = span.advance(due, in: zone)
        }
        status.dueAt = due
        status.overdueAt = overdueAt
        status.state = now >= overdueAt ? .overdue : .due
        status.nextChange = overdueAt > now ? overdueAt : nil
    }
}
