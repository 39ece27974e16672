public import FoundationEssentials
public import HashTreeCollections

/// The plant's maintenance: its configuration, everything recorded, and the schedule that follows from them. Every
/// maintenance rule is decided here, purely: commands and events come in with `now`, and an ``Outcome`` goes out
/// (records to append in one transaction, events to announce, the answer), or a ``MaintenanceRefusal``.
///
/// It is a value: a caller applies a command to a copy and keeps the copy only once the outcome's records are
/// durable, so a failed write leaves the plant as it was.
public struct Plant: Sendable {
    public internal(set) var configuration: Configuration
    /// SHA-256 of the configuration files in use.
    public internal(set) var contentHash: String
    /// The configuration files in use, as loaded, until the revision record that keeps them is made (then none).
    public internal(set) var sources: [ConfigurationText]
    public internal(set) var scheduler: Scheduler
    /// The id the next record will have.
    public internal(set) var nextRecordId: Int64
    /// The author of maintd's own records (ledger, revisions, first sightings).
    public let daemon: RecordAuthor
    var book = RecordBook()
    /// The configuration as the files have it (``configuration`` adds the open follow-up work).
    var baseConfiguration: Configuration
    /// Open follow-up work, by the record that opened it.
    public internal(set) var followUps: TreeDictionary<Int64, FollowUp> = [:]
    /// Tasks whose latest completion failed with readings outside limits: their equipment is out of tolerance.
    public internal(set) var outOfTolerance: Set<TaskKey> = []

    /// The plant as the history left it. `records` are every stored record in id order.
    public init(
        configuration: Configuration, contentHash: String, sources: [ConfigurationText] = [], records: [StoredRecord],
        daemon: RecordAuthor
    ) {
        self.configuration = configuration
        baseConfiguration = configuration
        self.contentHash = contentHash
        self.sources = sources
        self.daemon = daemon
        var history = MaintenanceHistory()
        var marks: TreeDictionary<TaskKey, NotificationMark> = [:]
        var followUps: TreeDictionary<Int64, FollowUp> = [:]
        for record in records {
            let draft = RecordDraft(record)
            _ = book.absorb(draft, into: &history)
            switch Self.followUpChange(draft, configuration: configuration, open: { followUps[$0] != nil }) {
            case .open(let followUp)?: followUps[followUp.record] = followUp
            case .close(let number, _)?: followUps[number] = nil
            case nil: break
            }
            switch record.payload {
            case .notification(let notification):
                if let key = record.taskKey { Self.note(notification, of: key, at: record.recordedAt, in: &marks) }
            case .announcements(let together):
                for entry in together.entries {
                    Self.note(entry.notification, of: entry.task, at: record.recordedAt, in: &marks)
                }
            default: continue
            }
        }
        nextRecordId = (records.last?.id ?? 0) + 1
        self.followUps = followUps
        self.configuration = Self.merged(configuration, followUps.values)
        scheduler = Scheduler(history: history, marks: marks)
        refreshToleranceOfEveryTask()
    }

    /// Takes an announcement from the ledger into the marks of what was announced.
    private static func note(
        _ notification: NotificationRecord, of key: TaskKey, at: Date,
        in marks: inout TreeDictionary<TaskKey, NotificationMark>
    ) {
        guard let announcement = AnnouncementKey(notification.occurrence) else { return }
        if var mark = marks[key], mark.occurrence == announcement {
            mark.state = max(mark.state, notification.state)
            mark.notifiedAt = at
            marks[key] = mark
        } else {
            marks[key] = NotificationMark(occurrence: announcement, state: notification.state, notifiedAt: at)
        }
    }

    /// When the schedule next changes by itself (the timer to arm).
    public var nextDeadline: Date? { scheduler.nextDeadline }

    /// Completions, failed ones and findings recorded so far.
    public var recordTotals: RecordTotals { book.totals }

    /// Every task's status, by current key.
    public var statuses: TaskStatuses { scheduler.statuses }

    /// The effective history (corrections applied).
    public var history: MaintenanceHistory { scheduler.history }

    // MARK: Events

    /// maintd started with this configuration: a revision record, and what changed while it was stopped (catch-up).
    public mutating func start(now: Date) -> Outcome {
        var outcome = startRevision(now: now)
        outcome.append(startSchedule(now: now))
        return outcome
    }

    /// ``start(now:)`` in two steps, with the same records and events: first the revision record (holding the files
    /// in full the first time their content is loaded, 11 MB at 100,000 tasks), which a large plant's daemon writes
    /// while the tasks are evaluated instead of holding it until everything is written; then the evaluation and its
    /// catch-up.
    public mutating func startRevision(now: Date) -> Outcome {
        var outcome = Outcome()
        appendRevision(summary: "loaded at start", now: now, to: &outcome)
        return outcome
    }

    /// Whether a start's revision holds the files in full (their content is new to the history).
    public static func holdsFiles(_ revision: Outcome) -> Bool {
        revision.records.contains { record in
            if case .configRevision(let revision) = record.payload { return revision.sources?.isEmpty == false }
            return false
        }
    }

    /// The second step of a start begun with ``startRevision(now:)``.
    public mutating func startSchedule(now: Date) -> Outcome {
        var outcome = Outcome()
        carryOut(scheduler.configLoaded(configuration, now: now), now: now, into: &outcome)
        return outcome
    }

    /// The timer armed at ``nextDeadline`` fired.
    public mutating func timerFired(now: Date) -> Outcome {
        var outcome = Outcome()
        carryOut(scheduler.timerFired(now: now), now: now, into: &outcome)
        return outcome
    }

    /// The wall clock was set or the zone's rules changed: everything is recomputed.
    public mutating func clockChanged(now: Date) -> Outcome {
        var outcome = Outcome()
        carryOut(scheduler.clockChanged(now: now), now: now, into: &outcome)
        return outcome
    }

    /// Carries out a person's command, or refuses it.
    public mutating func execute(
        _ command: MaintenanceCommand, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        // Who may give which command at all is the interface's declaration, checked by the daemon; the rules about
        // whose records one may change are here.
        let role = requester.role(in: configuration.roles)
        switch command {
        case .complete(let request): return try complete(request, by: requester, now: now)
        case .correct(let request): return try correct(request, by: requester, role: role, now: now)
        case .deferOccurrence(let reference, let until, let reason):
            return try deferOccurrence(reference, until: until, reason: reason, by: requester, now: now)
        case .cancelDeferral(let reference, let reason):
            return try cancelDeferral(reference, reason: reason, by: requester, now: now)
        case .skip(let reference, let reason): return try skip(reference, reason: reason, by: requester, now: now)
        case .recordMeter(let equipment, let meter, let value, let at):
            return try recordMeter(equipment: equipment, meter: meter, value: value, at: at, by: requester, now: now)
        case .correctMeterReading(let record, let value, let reason):
            return try correctMeterReading(record, value: value, reason: reason, by: requester, now: now)
        case .review(let record, let verdict, let reason):
            return try review(record, verdict: verdict, reason: reason, by: requester, role: role, now: now)
        }
    }

    // MARK: Making records

    /// A record with the next id.
    mutating func draft(
        _ payload: RecordPayload, at now: Date, by author: RecordAuthor, task: TaskKey? = nil,
        equipment: String? = nil, corrects: Int64? = nil
    ) -> RecordDraft {
        defer { nextRecordId += 1 }
        // People sign what they record; maintd's own records carry no signature.
        return RecordDraft(
            id: nextRecordId, recordedAt: now, author: author, equipment: task?.equipment ?? equipment,
            task: task?.task, corrects: corrects, payload: payload,
            meaning: author == daemon ? nil : SignatureMeaning(of: payload.kind))
    }

    /// Appends a person's record to the outcome, takes it into the history and re-evaluates what it touches.
    mutating func apply(_ record: RecordDraft, now: Date, to outcome: inout Outcome) {
        outcome.records.append(record)
        // The book is moved out while the scheduler changes, so that neither is copied.
        var book = self.book
        self.book = RecordBook()
        let configuration = self.configuration
        var touched: [TaskKey] = []
        let actions = scheduler.historyChanged(now: now) { history in
            let effect = book.absorb(record, into: &history)
            touched = effect.tasks.compactMap(configuration.currentKey)
            if let meter = effect.meter, let equipment = configuration.equipment(meter.equipment) {
                touched += equipment.tasks.filter { $0.meter?.meter == meter.meter }.map {
                    TaskKey(equipment: equipment.id, task: $0.id)
                }
            }
            return touched
        }
        self.book = book
        refreshTolerance(touched)
        carryOut(actions, now: now, into: &outcome)
        trackFollowUps(after: record, requester: nil, now: now, into: &outcome)
    }

    /// Turns the scheduler's actions into records (the notification ledger, first sightings) and events.
    mutating func carryOut(_ actions: [SchedulerAction], now: Date, into outcome: inout Outcome) {
        for action in actions {
            switch action {
            case .arm:
                continue  // the caller arms at nextDeadline
            case .notify(let events):
                outcome.announce(events)
                // The ledger: one record per announcement, or one for announcements made together.
                var entries: [AnnouncementsRecord.Entry] = []
                entries.reserveCapacity(events.count)
                for event in events {
                    guard let key = event.task, let state = event.state, let status = scheduler.statuses[key] else {
                        continue
                    }
                    entries.append(
                        AnnouncementsRecord.Entry(
                            task: key,
                            notification: NotificationRecord(
                                event: event.kind, occurrence: status.announcementKey.description, state: state,
                                message: event.message)))
                }
                if entries.count == 1, let entry = entries.first {
                    outcome.records.append(
                        draft(.notification(entry.notification), at: now, by: daemon, task: entry.task))
                } else if !entries.isEmpty {
                    outcome.records.append(
                        draft(.announcements(AnnouncementsRecord(entries: entries)), at: now, by: daemon))
                }
            case .recordFirstSeen(let keys, let at):
                // Tasks first seen together are one record that lists them (a large plant's first start would
                // otherwise write a record per task); one task is named in the record's own columns.
                if keys.count == 1, let key = keys.first {
                    outcome.records.append(draft(.firstSeen(FirstSeenRecord(at: at)), at: at, by: daemon, task: key))
                } else if !keys.isEmpty {
                    outcome.records.append(draft(.firstSeen(FirstSeenRecord(at: at, tasks: keys)), at: at, by: daemon))
                }
            }
        }
    }

    /// A revision record; the files in full the first time their content is loaded.
    mutating func appendRevision(summary: String, now: Date, to outcome: inout Outcome) {
        let kept = book.keptConfigurations.contains(contentHash) || sources.isEmpty
        let record = draft(
            .configRevision(
                ConfigRevisionRecord(
                    contentHash: contentHash, files: configuration.files, summary: summary,
                    sources: kept ? nil : sources)),
            at: now, by: daemon)
        var history = MaintenanceHistory()
        _ = book.absorb(record, into: &history)
        outcome.records.append(record)
        // The files are in the record now (or were kept before): holding them for the daemon's life would keep a
        // large plant's text (11 MB at 100,000 tasks) resident for nothing.
        sources = []
    }

    // MARK: Tolerance

    /// Every task's tolerance afresh (at start and on reload). Only a task with completions can be out of tolerance:
    /// those are found from the completions (a handful at a plant of 100,000 tasks), not by looking up every task's.
    mutating func refreshToleranceOfEveryTask() {
        outOfTolerance = []
        refreshTolerance(Set(history.completions.keys.compactMap(configuration.currentKey)).sorted())
    }

    /// Re-derives whether tasks are out of tolerance: their latest completion (in performed order, so a back-dated
    /// failure never undoes a later pass) failed with readings outside limits.
    mutating func refreshTolerance(_ keys: [TaskKey]) {
        for key in keys {
            guard let (equipment, task) = configuration.resolve(equipment: key.equipment, task: key.task) else {
                continue
            }
            let latest = configuration.historyKeys(of: equipment, task).compactMap { history.completions[$0]?.last }
                .max { $0.performedAt < $1.performedAt }
            if let latest, !latest.passed, latest.outOfTolerance {
                outOfTolerance.insert(key)
            } else {
                outOfTolerance.remove(key)
            }
        }
    }

    /// Whether any task of a machine is out of tolerance.
    public func isOutOfTolerance(equipment id: String) -> Bool {
        outOfTolerance.contains { $0.equipment == id }
    }
}
