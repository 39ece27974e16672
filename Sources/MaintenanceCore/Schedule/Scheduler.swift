public import FoundationEssentials
public import HashTreeCollections

/// The scheduling state machine. Its event methods take what happened and `now`, and return what the daemon must
/// do; it never reads the clock, sleeps or performs I/O.
public struct Scheduler: Sendable {
    public private(set) var configuration: Configuration?
    public private(set) var history: MaintenanceHistory
    private var table = StatusTable()
    private var marks: TreeDictionary<TaskKey, NotificationMark>
    private(set) var evaluator: TaskEvaluator?

    /// A scheduler over recorded history and the announcements already made (from the ledger).
    public init(history: MaintenanceHistory, marks: TreeDictionary<TaskKey, NotificationMark> = [:]) {
        self.history = history
        self.marks = marks
    }

    /// Every task's status, by current key.
    public var statuses: TaskStatuses { table.statuses }

    /// The instant of the next change, if any.
    public var nextDeadline: Date? { table.next }

    /// How many tasks are in a state.
    public func count(_ state: DueState) -> Int { table.count(state) }

    /// The tasks in a state.
    public func keys(in state: DueState) -> TreeSet<TaskKey> { table.keys(in: state) }

    /// The last announcement per task.
    public var notificationMarks: TreeDictionary<TaskKey, NotificationMark> { marks }

    // MARK: Events

    /// A configuration was loaded (at start or on reload). At start, changes that happened while maintd was not
    /// running are announced once, flagged as catch-up.
    public mutating func configLoaded(_ configuration: Configuration, now: Date) -> [SchedulerAction] {
        let starting = self.configuration == nil
        self.configuration = configuration
        evaluator = TaskEvaluator(configuration, defaultFirstSeen: now)
        var actions: [SchedulerAction] = []
        // Which tasks are new, and which statuses are of tasks no longer configured: looked up on every core (at
        // 100,000 tasks, one after the other, they were a seventh of a reload).
        let keys = configuration.taskKeys
        let history = self.history
        let isNew = keys.concurrentMap { key in
            history.firstSeen[key] == nil
                && !Self.formerKeys(of: key, in: configuration).contains { history.firstSeen[$0] != nil }
        }
        // Made to size: a first start's are held in its first-sightings record until that is written.
        var newKeys: [TaskKey] = []
        newKeys.reserveCapacity(isNew.count { $0 })
        for (key, new) in zip(keys, isNew) where new { newKeys.append(key) }
        if !newKeys.isEmpty {
            for key in newKeys { self.history.firstSeen[key] = now }
            actions.append(.recordFirstSeen(newKeys, at: now))
        }
        let held = Array(table.statuses.keys)
        let gone = held.concurrentMap { key in !configuration.hasTask(key) }
        for (key, gone) in zip(held, gone) where gone {
            table.remove(key)
            marks[key] = nil
        }
        let events = refresh(keys, now: now, catchUp: starting)
        if !events.isEmpty { actions.append(.notify(events)) }
        actions.append(.arm(deadline: nextDeadline))
        return actions
    }

    /// Tasks maintd made (follow-up work) appeared in or left the configuration: only those are evaluated.
    public mutating func tasksChanged(
        _ configuration: Configuration, added: [TaskKey], removed: [TaskKey], now: Date
    ) -> [SchedulerAction] {
        self.configuration = configuration
        for key in removed {
            table.remove(key)
            marks[key] = nil
        }
        return after(refresh(added, now: now))
    }

    /// Records changed the history (the plant's record book decides how): `change` edits it and returns the tasks
    /// (current keys) to re-evaluate.
    public mutating func historyChanged(
        now: Date, _ change: (inout MaintenanceHistory) -> [TaskKey]
    ) -> [SchedulerAction] {
        let keys = change(&history)
        return after(refresh(keys, now: now))
    }

    /// The status a task had just before `instant`, from the records made before it: which occurrence work done
    /// then was for. nil for an unknown task.
    public func status(of key: TaskKey, before instant: Date, excluding record: Int64? = nil) -> TaskStatus? {
        guard let (task, equipment, earlier, evaluator) = self.earlier(key, before: instant, excluding: record) else {
            return nil
        }
        return evaluator.evaluate(task, of: equipment, history: earlier, now: instant)
    }

    /// The occurrence work passing at `instant` satisfied, with when it was due and overdue: the one outstanding
    /// then, or on a grid or calendar a later one whose window the work fell in
    /// (``TaskEvaluator/satisfaction(before:after:_:of:history:limit:)``). nil for an unknown task.
    public func satisfied(
        _ key: TaskKey, by instant: Date, excluding record: Int64? = nil
    ) -> (occurrence: Occurrence, dueAt: Date?, overdueAt: Date?)? {
        guard let (task, equipment, earlier, evaluator) = self.earlier(key, before: instant, excluding: record) else {
            return nil
        }
        let before = evaluator.evaluate(task, of: equipment, history: earlier, now: instant)
        var then = earlier
        then.add(Completion(id: -1, task: key, performedAt: instant, passed: true))
        let after = evaluator.evaluate(task, of: equipment, history: then, now: instant)
        if let later = evaluator.satisfaction(
            before: before, after: after, task, of: equipment, history: earlier, limit: 100_000)?.later
        {
            return (.instant(later.instant), later.dueAt, later.overdueAt)
        }
        return (before.occurrence, before.dueAt, before.overdueAt)
    }

    /// A task's records made before `instant` (under every id it had): the rest of the plant is neither needed nor
    /// copied.
    private func earlier(
        _ key: TaskKey, before instant: Date, excluding record: Int64?
    ) -> (MaintenanceTask, Equipment, MaintenanceHistory, TaskEvaluator)? {
        guard let configuration, let equipment = configuration.equipment(key.equipment),
            let task = equipment.task(key.task), let evaluator
        else { return nil }
        var earlier = MaintenanceHistory()
        for taskKey in [key] + formerKeys(of: key) {
            earlier.completions[taskKey] = history.completions[taskKey]?.filter {
                $0.performedAt < instant && $0.id != record
            }
            earlier.skips[taskKey] = history.skips[taskKey]?.filter { $0.recordedAt <= instant }
            earlier.deferrals[taskKey] = history.deferrals[taskKey]
            earlier.firstSeen[taskKey] = history.firstSeen[taskKey]
        }
        for id in [equipment.id] + equipment.formerIds { earlier.readings[id] = history.readings[id] }
        return (task, equipment, earlier, evaluator)
    }

    /// The wall clock jumped or the time zone changed: everything is recomputed.
    public mutating func clockChanged(now: Date) -> [SchedulerAction] {
        after(refresh(Array(table.statuses.keys), now: now))
    }

    /// The timer armed at ``nextDeadline`` fired.
    public mutating func timerFired(now: Date) -> [SchedulerAction] {
        after(refresh(table.expired(at: now), now: now))
    }

    // MARK: Evaluation

    private mutating func after(_ events: [MaintenanceEvent]) -> [SchedulerAction] {
        (events.isEmpty ? [] : [.notify(events)]) + [.arm(deadline: nextDeadline)]
    }

    private func formerKeys(of key: TaskKey) -> [TaskKey] {
        configuration.map { Self.formerKeys(of: key, in: $0) } ?? []
    }

    private static func formerKeys(of key: TaskKey, in configuration: Configuration) -> [TaskKey] {
        guard let equipment = configuration.equipment(key.equipment), let task = equipment.task(key.task) else {
            return []
        }
        return ([equipment.id] + equipment.formerIds).flatMap { e in
            ([task.id] + task.formerIds).map { TaskKey(equipment: e, task: $0) }
        }.filter { $0 != key }
    }

    /// Re-evaluates some tasks and returns the announcements their changes call for.
    private mutating func refresh(_ keys: [TaskKey], now: Date, catchUp: Bool = false) -> [MaintenanceEvent] {
        guard let configuration, let evaluator else { return [] }
        // A key listed twice is decided once: decisions are made side by side, each from the marks as they were.
        var distinct: [TaskKey] = []
        distinct.reserveCapacity(keys.count)
        for key in keys.sorted() where key != distinct.last { distinct.append(key) }
        let decided = Self.decide(distinct, configuration, evaluator, history, marks, now: now, catchUp: catchUp)
        var pending: [Announcement] = []
        var changes: [StatusTable.Change] = []
        changes.reserveCapacity(decided.count)
        for decision in decided {
            guard let decision else { continue }
            if let mark = decision.mark { marks[decision.status.key] = mark }
            if let announcement = decision.announcement { pending.append(announcement) }
            pending += decision.further
            changes.append(
                StatusTable.Change(key: decision.status.key, status: decision.status, deadline: decision.deadline))
        }
        table.set(many: changes)
        // Worded on every core: a start after a stop (or a large plant's first) announces tens of thousands, held until
        // they are written, so their array is made to size.
        let worded = pending.concurrentMap(minimum: 1_024) { announcement in
            Self.event(announcement, configuration: configuration, now: now)
        }
        var events: [MaintenanceEvent] = []
        events.reserveCapacity(worded.count { $0 != nil })
        for event in worded { if let event { events.append(event) } }
        return events
    }

    /// What re-evaluating a task decided: its status, what to announce, the mark that records it (nil if unchanged),
    /// and the next instant it changes by itself.
    private struct Decision: Sendable {
        var status: TaskStatus
        /// The first announcement is kept inline: the decisions of a large start live side by side in one buffer until
        /// they are taken, and an array each (usually of one) left the heap fragmented once freed (7 MiB more resident
        /// at 100,000 tasks).
        var announcement: Announcement?
        var further: [Announcement]
        var mark: NotificationMark?
        var deadline: Date?
    }

    /// An announcement decided, to be worded.
    struct Announcement: Sendable {
        var status: TaskStatus
        var kind: MaintenanceEventKind
        var state: DueState
        var catchUp: Bool
    }

    /// The event announcing a task's state.
    /// Its machine and task are looked up here rather than carried: an announcement is made per task of a large
    /// start, and a copy of each (half a kilobyte) was most of the memory its announcements held.
    private static func event(
        _ announcement: Announcement, configuration: Configuration, now: Date
    )
        -> MaintenanceEvent?
    {
        let status = announcement.status
        guard let equipment = configuration.equipment(status.key.equipment), let task = equipment.task(status.key.task)
        else { return nil }
        var details: EventDetails = ["line": equipment.line, "trigger": status.trigger.rawValue]
        if let progress = status.meter {
            details["meter"] = progress.meter
            details["meter_due"] = progress.dueValue.formatted(maxFractionDigits: 6)
            if let current = progress.current { details["meter_value"] = current.formatted(maxFractionDigits: 6) }
        }
        if let move = status.dueMove {
            details["due_moved_from"] = Timestamp.rfc3339(move.from)
            details["due_move_reason"] = move.reason
        }
        let message = EventWording.sentence(
            for: status, kind: announcement.kind, equipment: equipment, task: task, configuration: configuration)
        return MaintenanceEvent(
            kind: announcement.kind, task: status.key, state: announcement.state, occurrence: status.occurrence,
            dueAt: status.dueAt, at: now, catchUp: announcement.catchUp, message: message, details: details)
    }

    /// Evaluates tasks and decides what each one's status calls for (nil for a key that is not a current task's).
    /// Both are pure, and each task's decision reads and writes only its own mark, so thousands of tasks (a start, a
    /// reload, a clock change) are shared out among the cores; the results come back in key order.
    private static func decide(
        _ keys: [TaskKey], _ configuration: Configuration, _ evaluator: TaskEvaluator, _ history: MaintenanceHistory,
        _ marks: TreeDictionary<TaskKey, NotificationMark>, now: Date, catchUp: Bool
    ) -> [Decision?] {
        @Sendable func decision(_ key: TaskKey) -> Decision? {
            guard let equipment = configuration.equipment(key.equipment), equipment.id == key.equipment,
                let task = equipment.task(key.task)
            else { return nil }
            let status = evaluator.evaluate(task, of: equipment, history: history, now: now)
            let before = marks[status.key]
            var mark = before
            let announcements = Self.announcements(
                status, configuration, mark: &mark, now: now, catchUp: catchUp)
            return Decision(
                status: status, announcement: announcements.first,
                further: announcements.count > 1 ? Array(announcements.dropFirst()) : [],
                mark: mark == before ? nil : mark,
                deadline: deadline(for: status, mark: mark, configuration: configuration))
        }
        return keys.concurrentMap(decision)
    }

    private static func deadline(
        for status: TaskStatus, mark: NotificationMark?, configuration: Configuration
    )
        -> Date?
    {
        var next = status.nextChange
        if status.state == .overdue, let mark, mark.occurrence == status.announcementKey, mark.state == .overdue {
            let reminder = configuration.overdueReminder.advance(mark.notifiedAt, in: configuration.zone)
            next = min(next ?? reminder, reminder)
        }
        return next
    }

    /// What a task's new status calls for announcing (recording it as announced in `mark`).
    private static func announcements(
        _ status: TaskStatus, _ configuration: Configuration, mark: inout NotificationMark?, now: Date, catchUp: Bool
    )
        -> [Announcement]
    {
        let announced: [DueState] = [.upcoming, .due, .overdue]
        guard announced.contains(status.state) else { return [] }
        let previous = mark?.occurrence == status.announcementKey ? mark?.state : nil
        func event(_ kind: MaintenanceEventKind, _ state: DueState, catchUp: Bool) -> Announcement {
            Announcement(status: status, kind: kind, state: state, catchUp: catchUp)
        }
        if let previous, previous >= status.state {
            guard status.state == .overdue, previous == .overdue, let last = mark else { return [] }
            let reminderAt = configuration.overdueReminder.advance(last.notifiedAt, in: configuration.zone)
            guard now >= reminderAt else { return [] }
            mark = NotificationMark(occurrence: status.announcementKey, state: .overdue, notifiedAt: now)
            return [event(.overdueReminder, .overdue, catchUp: false)]
        }
        // Live, every threshold crossed is announced in order; when catching up at start, or when a deferral runs
        // out (its lead time is long past), only where it stands.
        let crossed = announced.filter { $0 > (previous ?? .scheduled) && $0 <= status.state }
        let states = catchUp || status.deferral != nil ? [status.state] : crossed
        mark = NotificationMark(occurrence: status.announcementKey, state: status.state, notifiedAt: now)
        return states.map { state in
            let kind: MaintenanceEventKind = state == .overdue ? .overdue : state == .due ? .due : .upcoming
            let threshold = state == .overdue ? status.overdueAt : state == .due ? status.dueAt : status.upcomingAt
            return event(kind, state, catchUp: catchUp && (threshold.map { $0 < now } ?? true))
        }
    }
}
