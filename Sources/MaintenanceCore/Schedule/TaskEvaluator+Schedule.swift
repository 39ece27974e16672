public import FoundationEssentials

/// An occurrence a task's schedule places at an instant, whether or not it ever became the current one.
struct ScheduledOccurrence: Sendable, Equatable {
    /// Where the schedule put it (its identity); ``dueAt`` is where the plant calendar moved it.
    var instant: Date
    var dueAt: Date
    var overdueAt: Date
    /// The length of the interval it ends (what percentage tolerances and the SMRP grace are shares of).
    var period: TimeInterval
}

extension TaskEvaluator {
    /// The occurrences a fixed grid or a calendar expression schedules strictly between two instants, in order, at
    /// most `limit` of them (nil past it). Floating intervals and meters schedule nothing ahead: only completions
    /// make their next occurrence.
    func scheduled(
        _ task: MaintenanceTask, of equipment: Equipment, trigger: TriggerKind, history: MaintenanceHistory,
        after start: Date, before end: Date, limit: Int
    ) -> [ScheduledOccurrence]? {
        var found: [ScheduledOccurrence] = []
        switch trigger {
        case .grid:
            guard let every = task.every else { return [] }
            let keys = ([equipment.id] + equipment.formerIds).flatMap { e in
                ([task.id] + task.formerIds).map { TaskKey(equipment: e, task: $0) }
            }
            let firstSeen = firstSeen(keys, history)
            func point(_ k: Int) -> Date { gridPoint(k, every, task, equipment, firstSeen) }
            let origin = point(0)
            var k = max(0, Int((start.timeIntervalSince(origin) / max(every.approximateSeconds, 1)).rounded(.down)))
            while k > 0 && point(k) > start { k -= 1 }
            while point(k) <= start { k += 1 }
            while point(k) < end {
                guard found.count < limit else { return nil }
                let scheduled = point(k)
                let period = point(k + 1).timeIntervalSince(scheduled)
                let placed = place(scheduled, period: period, task, equipment)
                found.append(
                    ScheduledOccurrence(
                        instant: scheduled, dueAt: placed.due, overdueAt: placed.overdue, period: period))
                k += 1
            }
        case .calendar:
            guard let spec = task.calendar else { return [] }
            var next = spec.nextElapse(after: start)
            while let due = next, due < end {
                guard found.count < limit else { return nil }
                let following = spec.nextElapse(after: due)
                let period = (following ?? due.addingTimeInterval(86_400)).timeIntervalSince(due)
                let placed = place(due, period: period, task, equipment)
                found.append(
                    ScheduledOccurrence(instant: due, dueAt: placed.due, overdueAt: placed.overdue, period: period))
                next = following
            }
        case .interval, .meter, .once:
            return []
        }
        return found
    }

    /// The length of the interval an occurrence due at `due` ends: one `every` or the gap to the next calendar
    /// elapse, or for a meter occurrence the time since the work before it (nil when that is not known).
    func period(of status: TaskStatus, _ task: MaintenanceTask, due: Date) -> TimeInterval? {
        switch status.trigger {
        case .interval, .grid:
            return task.every.map { $0.advance(due, in: zone).timeIntervalSince(due) }
        case .calendar:
            return task.calendar.map {
                ($0.nextElapse(after: due) ?? due.addingTimeInterval(86_400)).timeIntervalSince(due)
            }
        case .meter:
            return status.lastDone.map { due.timeIntervalSince($0) }
        case .once:
            return nil
        }
    }
}

/// Which occurrence work satisfied, when it moved a task from one occurrence to the next.
struct Satisfaction: Sendable, Equatable {
    /// A later occurrence than the one outstanding before the work: the last the grid or calendar placed before the
    /// next outstanding one (nil: the one outstanding before).
    var later: ScheduledOccurrence?
    /// With a later one, the occurrences placed between the one outstanding before and it: no work was recorded for
    /// them (nor for the one outstanding before).
    var between: [ScheduledOccurrence]
}

extension TaskEvaluator {
    /// Work that moved a task from `before` (outstanding until then) to `after` satisfied the last occurrence the
    /// schedule placed before `after`: on a grid or a calendar, work done in the window of a later occurrence than
    /// the outstanding one is for that later one (the schedule counts it so), and the older ones went without work.
    /// Floating intervals and meters have nothing in between: the work satisfied `before`. nil past `limit`.
    func satisfaction(
        before: TaskStatus, after: TaskStatus, _ task: MaintenanceTask, of equipment: Equipment,
        history: MaintenanceHistory, limit: Int
    ) -> Satisfaction? {
        // From the occurrence's own instant: a retest or a deferral moves its due instant, not the schedule.
        guard before.occurrence != after.occurrence, case .instant(let from) = before.occurrence,
            let to = after.occurrence.instant ?? after.dueAt
        else { return Satisfaction(later: nil, between: []) }
        guard
            let points = scheduled(
                task, of: equipment, trigger: before.trigger, history: history, after: from, before: to, limit: limit)
        else { return nil }
        guard let last = points.last else { return Satisfaction(later: nil, between: []) }
        return Satisfaction(later: last, between: Array(points.dropLast()))
    }
}
