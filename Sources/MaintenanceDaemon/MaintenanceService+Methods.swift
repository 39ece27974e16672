import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

extension MaintenanceService {
    static let maxNoteLength = 4_000
    static let maxReasonLength = 1_000

    // MARK: Reading

    /// How many tasks are in each state, in one pass: GetStatus and the STATUS= line both need it.
    func stateCounts() -> (DueState) -> Int {
        var counts = [Int](repeating: 0, count: 6)
        for status in scheduler.statuses.values { counts[status.state.urgency] += 1 }
        return { counts[$0.urgency] }
    }

    func status(now: Date) -> WireStatus {
        let count = stateCounts()
        return WireStatus(
            site: configuration.siteName, timezone: configuration.timezone, tasks: scheduler.statuses.count,
            scheduled: count(.scheduled), upcoming: count(.upcoming), due: count(.due), overdue: count(.overdue),
            deferred: count(.deferred), suspended: count(.suspended),
            nextChange: scheduler.nextDeadline.map(Timestamp.rfc3339),
            outOfTolerance: outOfTolerance.keys.sorted().map(\.description), configHash: loaded.contentHash,
            configFiles: configuration.files, rejectedReload: rejectedReload, startedAt: Timestamp.rfc3339(startedAt),
            version: Self.version, timerWakeups: wakeups)
    }

    func listEquipment(_ parameters: ListEquipmentParameters) throws(VarlinkError) -> ListEquipmentReply {
        if let line = parameters.line { try checkLine(line, parameter: "line") }
        let equipment = configuration.equipment.filter { parameters.line == nil || $0.line == parameters.line }
        return ListEquipmentReply(
            equipment: equipment.map { e in
                WireEquipment(
                    id: e.id, name: e.name, line: e.line, lineName: configuration.lineName(e.line),
                    location: e.location,
                    inService: e.inService, commissioned: e.commissioned.map(Timestamp.rfc3339),
                    meters: e.meters.map { meter in
                        let latest = scheduler.history.readings(equipment: e.id, meter: meter.id).last
                        return WireMeter(
                            id: meter.id, unit: meter.unit, value: latest?.value,
                            at: latest.map { Timestamp.rfc3339($0.at) })
                    },
                    tasks: e.tasks.map(\.id), outOfTolerance: isOutOfTolerance(e.id))
            })
    }

    func listTasks(_ parameters: ListTasksParameters, now: Date) throws(VarlinkError) -> ListTasksReply {
        if let line = parameters.line { try checkLine(line, parameter: "line") }
        if let id = parameters.equipment, configuration.equipment(id) == nil { throw .noSuchEquipment(id) }
        if let kind = parameters.kind, TaskKind(rawValue: kind) == nil {
            throw .invalidParameter(
                "kind",
                "unknown kind \"\(kind)\"; expected one of: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let state = parameters.state, DueState(rawValue: state) == nil {
            throw .invalidParameter(
                "state",
                "unknown state \"\(state)\"; expected one of: \(DueState.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        var horizon: Date?
        if let within = parameters.dueWithin {
            do {
                horizon = try MaintenanceInterval(parsing: within).advance(now, in: configuration.zone)
            } catch {
                throw .invalidParameter("dueWithin", error.description)
            }
        }
        var rows: [(TaskStatus, WireTask)] = []
        for equipment in configuration.equipment {
            // Whole machines are skipped by line and id before any task is looked at.
            guard parameters.line == nil || equipment.line == parameters.line,
                parameters.equipment == nil || equipment.id == parameters.equipment
                    || equipment.formerIds.contains(parameters.equipment!)
            else { continue }
            for task in equipment.tasks {
                guard parameters.kind == nil || task.kind.rawValue == parameters.kind,
                    let status = scheduler.statuses[TaskKey(equipment: equipment.id, task: task.id)],
                    parameters.state == nil || status.state.rawValue == parameters.state
                else { continue }
                if let horizon {
                    let pressing = [DueState.due, .overdue].contains(status.state)
                    guard pressing || (status.expectedAt.map { $0 <= horizon } ?? false) else { continue }
                    if status.state == .suspended { continue }
                }
                rows.append((status, wireTask(status, equipment, task)))
            }
        }
        rows.sort { a, b in
            if a.0.state.urgency != b.0.state.urgency { return a.0.state.urgency > b.0.state.urgency }
            let left = a.0.expectedAt ?? .distantFuture
            let right = b.0.expectedAt ?? .distantFuture
            return left != right ? left < right : a.0.key < b.0.key
        }
        return ListTasksReply(tasks: rows.map(\.1))
    }

    func getTask(_ parameters: GetTaskParameters) throws(VarlinkError) -> GetTaskReply {
        let (equipment, task) = try lookup(parameters.equipment, parameters.task)
        let key = TaskKey(equipment: equipment.id, task: task.id)
        let limit = min(max(parameters.historyLimit ?? 10, 0), 1_000)
        let records = try history(
            HistoryParameters(
                equipment: equipment.id, task: task.id, kind: "completion,correction,deferral,skip",
                limit: max(limit, 1))
        ).records
        return GetTaskReply(
            task: wireTask(scheduler.statuses[key]!, equipment, task), instructions: task.instructions,
            readings: task.readings.map {
                WireReading(id: $0.id, unit: $0.unit, label: $0.label, min: $0.min, max: $0.max)
            },
            history: records)
    }

    func history(_ parameters: HistoryParameters) throws(VarlinkError) -> HistoryReply {
        var kinds = RecordKind.allCases
        if let list = parameters.kind {
            // One kind or several, comma-separated ("completion,correction").
            kinds = []
            for kind in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let parsed = RecordKind(rawValue: kind) else {
                    let known = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidParameter("kind", "unknown record kind \"\(kind)\"; expected one of: \(known)")
                }
                kinds.append(parsed)
            }
        }
        var since: Date?
        if let text = parameters.since {
            guard let parsed = Timestamp.parse(text, localZone: configuration.zone) else {
                throw .invalidParameter("since", "\"\(text)\" is not a time such as 2026-11-01 or 2026-11-01T06:00:00Z")
            }
            since = parsed
        }
        let limit = parameters.limit ?? 50
        guard (1...10_000).contains(limit) else { throw .invalidParameter("limit", "must be between 1 and 10000") }
        do {
            let records = try store.records(
                kinds: kinds, equipment: parameters.equipment, task: parameters.task,
                since: since, limit: limit)
            let corrections = try store.records(
                kinds: [.correction], equipment: parameters.equipment,
                task: parameters.task, limit: 100_000)
            var superseded: [Int64: Int64] = [:]
            for correction in corrections.reversed() {
                if let id = correction.corrects { superseded[id] = correction.id }
            }
            return HistoryReply(records: records.map { WireRecord($0, supersededBy: superseded[$0.id]) })
        } catch {
            throw .historyUnavailable(error.description)
        }
    }

    func watch(_ parameters: WatchParameters, reply: ReplySink, now: Date) throws(VarlinkError) {
        if let line = parameters.line { try checkLine(line, parameter: "line") }
        if let id = parameters.equipment, configuration.equipment(id) == nil { throw .noSuchEquipment(id) }
        if let kind = parameters.kind, MaintenanceEventKind(rawValue: kind) == nil && TaskKind(rawValue: kind) == nil {
            throw .invalidParameter(
                "kind", "unknown kind \"\(kind)\": give an event kind (due, overdue, …) or a task kind (calibration, …)"
            )
        }
        let token = UUID()
        var scope = "all events"
        if let line = parameters.line { scope = "events on \(configuration.lineName(line))" }
        if let id = parameters.equipment { scope = "events of \(id)" }
        let hello = MaintenanceEvent(kind: .started, at: now, message: "watching \(scope)")
        var first = WireEvent(hello)
        first.kind = "watching"
        guard reply.send(VarlinkReply(parametersJSON: VarlinkCoding.encode(WatchReply(event: first)), continues: true))
        else { return }
        eventObservers[token] = { [unowned self] event in
            let configuration = self.configuration
            let equipment = event.task.flatMap { configuration.equipment($0.equipment) }
            if let line = parameters.line, equipment?.line != line { return }
            if let id = parameters.equipment, event.task?.equipment != id { return }
            if let kind = parameters.kind {
                let taskKind = event.task.flatMap { equipment?.task($0.task) }?.kind.rawValue
                guard event.kind.rawValue == kind || taskKind == kind else { return }
            }
            var wire = WireEvent(event)
            wire.line = equipment?.line
            let sent = reply.send(
                VarlinkReply(parametersJSON: VarlinkCoding.encode(WatchReply(event: wire)), continues: true))
            if !sent { self.eventObservers[token] = nil }
        }
    }

    // MARK: Recording

    func complete(
        _ p: CompleteTaskParameters, client: ClientIdentity, now: Date
    ) throws(VarlinkError)
        -> RecordAndTaskReply
    {
        let (equipment, task) = try lookup(p.equipment, p.task)
        let performedAt = try time(p.performedAt, parameter: "performedAt", default: now, notAfter: now)
        let requested = p.result ?? "pass"
        guard requested == "pass" || requested == "fail" else {
            throw .invalidParameter("result", "\"\(requested)\" is not a result; use \"pass\" or \"fail\"")
        }
        let readings = p.readings ?? [:]
        try checkReadings(readings, of: task, requireAll: requested == "pass")
        let note = try text(p.note, parameter: "note", max: Self.maxNoteLength)
        let outside = task.readings.filter { spec in readings[spec.id].map { !spec.accepts($0) } ?? false }.map(\.id)
        let result = outside.isEmpty ? requested : "fail"
        let completion = CompletionRecord(
            performedAt: performedAt, result: result, readings: readings, note: note, outOfTolerance: outside)
        let stored = try append(
            RecordDraft(
                recordedAt: now, author: RecordAuthor(user: client.user, uid: client.uid), equipment: equipment.id,
                task: task.id, payload: .completion(completion)))
        let key = TaskKey(equipment: equipment.id, task: task.id)
        Self.applyTolerance(completion, id: stored.id, task: key, to: &outOfTolerance)
        perform(
            scheduler.completed(
                Completion(id: stored.id, task: key, performedAt: performedAt, passed: completion.passed), now: now))
        var events = [
            recordEvent(
                .completed, key, equipment, task, client: client, record: stored.id, now: now,
                message:
                    "\(task.kind.title) of \(equipment.name) \(equipment.id) recorded by \(client.user): \(result)\(note.map { " — \($0)" } ?? "")",
                details: ["result": result])
        ]
        if !outside.isEmpty {
            let values = outside.map { id -> String in
                let spec = task.readings.first { $0.id == id }!
                let limits = [
                    spec.min.map { "min \($0.formatted(maxFractionDigits: 6))" },
                    spec.max.map { "max \($0.formatted(maxFractionDigits: 6))" },
                ].compactMap { $0 }.joined(separator: ", ")
                return "\(id) = \(readings[id]!.formatted(maxFractionDigits: 6)) \(spec.unit) (\(limits))"
            }
            events.append(
                recordEvent(
                    .outOfTolerance, key, equipment, task, client: client, record: stored.id, now: now,
                    message:
                        "\(task.kind.title) of \(equipment.name) \(equipment.id) is OUT OF TOLERANCE: \(values.joined(separator: "; ")); recorded as failed",
                    details: ["readings": values.joined(separator: "; ")]))
        }
        announce(events)
        let reply = RecordAndTaskReply(
            record: WireRecord(stored), task: wireTask(scheduler.statuses[key]!, equipment, task))
        if !outside.isEmpty {
            let record = (try? JSONLiteral(parsing: Array(VarlinkCoding.encode(reply.record).utf8))) ?? .null
            throw VarlinkError(
                InterfaceDefinition.name + ".ReadingOutOfRange",
                ["record": record, "readings": .array(outside.map(JSONLiteral.string))])
        }
        return reply
    }

    func correct(_ p: CorrectRecordParameters, client: ClientIdentity, now: Date) throws(VarlinkError) -> RecordReply {
        let reason = try text(p.reason, parameter: "reason", max: Self.maxReasonLength, required: true)!
        var target: StoredRecord
        do { target = try store.record(p.record) } catch { throw .noSuchRecord(p.record) }
        // A correction of a correction corrects the original completion.
        if case .correction = target.payload, let original = target.corrects {
            do { target = try store.record(original) } catch { throw .noSuchRecord(original) }
        }
        guard case .completion = target.payload else {
            throw .invalidParameter(
                "record", "record \(p.record) is a \(target.kind.rawValue); only completions can be corrected")
        }
        let role = client.role(in: configuration.roles)
        if target.author.uid != client.uid && role < .lead {
            throw denied(method: "CorrectRecord of someone else's record", client: client, role: role, required: .lead)
        }
        let current: CompletionRecord?
        do { current = try store.effectiveCompletion(target.id) } catch { throw .historyUnavailable(error.description) }
        var replacement: CompletionRecord?
        if p.withdraw != true {
            guard var base = current else {
                throw .invalidParameter("record", "record \(target.id) was withdrawn; record a new completion instead")
            }
            if p.performedAt != nil {
                base.performedAt = try time(p.performedAt, parameter: "performedAt", default: now, notAfter: now)
            }
            if let result = p.result {
                guard result == "pass" || result == "fail" else {
                    throw .invalidParameter("result", "\"\(result)\" is not a result; use \"pass\" or \"fail\"")
                }
                base.result = result
            }
            if let readings = p.readings { base.readings = readings }
            if p.note != nil { base.note = try text(p.note, parameter: "note", max: Self.maxNoteLength) }
            if let equipment = configuration.equipment(target.equipment ?? ""),
                let task = equipment.task(target.task ?? "")
            {
                try checkReadings(base.readings, of: task, requireAll: false)
                base.outOfTolerance = task.readings.filter { spec in
                    base.readings[spec.id].map { !spec.accepts($0) } ?? false
                }.map(\.id)
                if !base.outOfTolerance.isEmpty { base.result = "fail" }
            }
            replacement = base
        }
        let stored = try append(
            RecordDraft(
                recordedAt: now, author: RecordAuthor(user: client.user, uid: client.uid), equipment: target.equipment,
                task: target.task, corrects: target.id,
                payload: .correction(CorrectionRecord(reason: reason, replacement: replacement))))
        let key = TaskKey(equipment: target.equipment ?? "", task: target.task ?? "")
        refreshCompletions(of: key, now: now)
        let message =
            replacement == nil
            ? "Record \(target.id) of \(key) withdrawn by \(client.user): \(reason)"
            : "Record \(target.id) of \(key) corrected by \(client.user): \(reason)"
        announce([
            MaintenanceEvent(
                kind: .corrected, task: key, at: now, message: message,
                details: [
                    "by": client.user, "record": String(stored.id), "corrects": String(target.id), "reason": reason,
                ])
        ])
        return RecordReply(record: WireRecord(stored))
    }

    // `defer` is a keyword.
    func defer_(_ p: DeferTaskParameters, client: ClientIdentity, now: Date) throws(VarlinkError) -> RecordAndTaskReply
    {
        let (equipment, task) = try lookup(p.equipment, p.task)
        let reason = try text(p.reason, parameter: "reason", max: Self.maxReasonLength, required: true)!
        guard let until = Timestamp.parse(p.until, localZone: configuration.zone) else {
            throw .invalidParameter(
                "until", "\"\(p.until)\" is not a time such as 2026-12-01T06:00 (site time) or 2026-12-01T05:00:00Z")
        }
        guard until > now else { throw .invalidParameter("until", "\(Timestamp.rfc3339(until)) is not in the future") }
        let key = TaskKey(equipment: equipment.id, task: task.id)
        let status = scheduler.statuses[key]!
        let stored = try append(
            RecordDraft(
                recordedAt: now, author: RecordAuthor(user: client.user, uid: client.uid), equipment: equipment.id,
                task: task.id,
                payload: .deferral(DeferralRecord(occurrence: status.occurrence, until: until, reason: reason))))
        perform(
            scheduler.deferred(
                Deferral(
                    id: stored.id, task: key, occurrence: status.occurrence, until: until, reason: reason,
                    recordedAt: now),
                now: now))
        announce([
            recordEvent(
                .deferred, key, equipment, task, client: client, record: stored.id, now: now,
                message:
                    "\(task.kind.title) of \(equipment.name) \(equipment.id) deferred by \(client.user) until \(Timestamp.wallClock(until, in: configuration.zone)): \(reason)",
                details: ["until": Timestamp.rfc3339(until), "reason": reason])
        ])
        return RecordAndTaskReply(record: WireRecord(stored), task: wireTask(scheduler.statuses[key]!, equipment, task))
    }

    func skip(
        _ p: SkipOccurrenceParameters, client: ClientIdentity, now: Date
    ) throws(VarlinkError) -> RecordAndTaskReply {
        let (equipment, task) = try lookup(p.equipment, p.task)
        let reason = try text(p.reason, parameter: "reason", max: Self.maxReasonLength, required: true)!
        let key = TaskKey(equipment: equipment.id, task: task.id)
        let status = scheduler.statuses[key]!
        let dueAt = status.dueAt ?? status.forecastAt ?? now
        let stored = try append(
            RecordDraft(
                recordedAt: now, author: RecordAuthor(user: client.user, uid: client.uid), equipment: equipment.id,
                task: task.id,
                payload: .skip(
                    SkipRecord(
                        occurrence: status.occurrence, dueAt: dueAt, dueValue: status.meter?.dueValue, reason: reason)))
        )
        perform(
            scheduler.skipped(
                Skip(
                    id: stored.id, task: key, occurrence: status.occurrence, dueAt: dueAt,
                    dueValue: status.meter?.dueValue,
                    recordedAt: now),
                now: now))
        announce([
            recordEvent(
                .skipped, key, equipment, task, client: client, record: stored.id, now: now,
                message:
                    "\(task.kind.title) of \(equipment.name) \(equipment.id): occurrence \(status.occurrence) skipped by \(client.user): \(reason)",
                details: ["reason": reason])
        ])
        return RecordAndTaskReply(record: WireRecord(stored), task: wireTask(scheduler.statuses[key]!, equipment, task))
    }

    func recordMeter(_ p: RecordMeterParameters, client: ClientIdentity, now: Date) throws(VarlinkError) -> RecordReply
    {
        guard let equipment = configuration.equipment(p.equipment) else { throw .noSuchEquipment(p.equipment) }
        guard let meter = equipment.meter(p.meter) else { throw .noSuchMeter(equipment.id, p.meter) }
        let at = try time(p.at, parameter: "at", default: now, notAfter: nil)
        let reading = MeterReading(equipment: equipment.id, meter: meter.id, value: p.value, at: at)
        let previous = scheduler.history.readings(equipment: equipment.id, meter: meter.id)
        if let problem = MeterReadingCheck.problem(with: reading, meter: meter, previous: previous, now: now) {
            announce([
                MaintenanceEvent(
                    kind: .meterRejected, at: now,
                    message: "Meter reading for \(equipment.id) \(meter.id) from \(client.user) rejected: \(problem)",
                    details: [
                        "by": client.user, "meter": meter.id, "meter_value": p.value.formatted(maxFractionDigits: 6),
                        "reason": problem, "line": equipment.line,
                    ])
            ])
            throw .meterReadingRejected(equipment.id, meter.id, problem)
        }
        let stored = try append(
            RecordDraft(
                recordedAt: now, author: RecordAuthor(user: client.user, uid: client.uid), equipment: equipment.id,
                payload: .meterReading(MeterReadingRecord(meter: meter.id, value: p.value, at: at))))
        perform(scheduler.meterRead(reading, now: now))
        return RecordReply(record: WireRecord(stored))
    }

    // MARK: Helpers of the methods

    /// Appends a record, answering `HistoryUnavailable` when it cannot be made durable.
    private func append(_ draft: RecordDraft) throws(VarlinkError) -> StoredRecord {
        do {
            return try store.append(draft)
        } catch {
            logger.error("a record could not be stored", metadata: ["error": "\(error)"])
            throw .historyUnavailable(error.description)
        }
    }

    private func lookup(_ equipmentId: String, _ taskId: String) throws(VarlinkError) -> (Equipment, MaintenanceTask) {
        guard let equipment = configuration.equipment(equipmentId) else { throw .noSuchEquipment(equipmentId) }
        guard let task = equipment.task(taskId) ?? equipment.tasks.first(where: { $0.formerIds.contains(taskId) })
        else {
            throw .noSuchTask(equipment.id, taskId)
        }
        return (equipment, task)
    }

    private func checkLine(_ line: String, parameter: String) throws(VarlinkError) {
        guard configuration.lines.contains(where: { $0.id == line }) else {
            throw .invalidParameter(
                parameter, "no line \"\(line)\"; lines: \(configuration.lines.map(\.id).joined(separator: ", "))")
        }
    }

    private func checkReadings(
        _ readings: [String: Double], of task: MaintenanceTask, requireAll: Bool
    ) throws(VarlinkError) {
        for (id, value) in readings.sorted(by: { $0.key < $1.key }) {
            guard task.readings.contains(where: { $0.id == id }) else {
                let known =
                    task.readings.isEmpty
                    ? "this task records no readings"
                    : "this task records: \(task.readings.map(\.id).joined(separator: ", "))"
                throw .invalidParameter("readings.\(id)", "unknown reading; \(known)")
            }
            guard value.isFinite else { throw .invalidParameter("readings.\(id)", "must be a finite number") }
        }
        if requireAll, let missing = task.readings.first(where: { readings[$0.id] == nil }) {
            throw .invalidParameter(
                "readings.\(missing.id)",
                "missing: a passing \(task.kind.rawValue) records \(task.readings.map(\.id).joined(separator: ", "))")
        }
    }

    private func time(
        _ text: String?, parameter: String, default value: Date, notAfter limit: Date?
    ) throws(VarlinkError) -> Date {
        guard let text else { return value }
        guard let date = Timestamp.parse(text, localZone: configuration.zone) else {
            throw .invalidParameter(
                parameter, "\"\(text)\" is not a time such as 2026-11-24T06:30 (site time) or 2026-11-24T05:30:00Z")
        }
        if let limit, date.timeIntervalSince(limit) > MeterReadingCheck.allowedClockSkew {
            throw .invalidParameter(parameter, "\(Timestamp.rfc3339(date)) is in the future")
        }
        return date
    }

    private func text(
        _ value: String?, parameter: String, max: Int, required: Bool = false
    ) throws(VarlinkError) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && (trimmed ?? "").isEmpty { throw .invalidParameter(parameter, "required: say why") }
        if let trimmed, trimmed.count > max { throw .invalidParameter(parameter, "longer than \(max) characters") }
        return trimmed?.isEmpty == true ? nil : trimmed
    }

    func wireTask(_ status: TaskStatus, _ equipment: Equipment, _ task: MaintenanceTask) -> WireTask {
        WireTask(
            status, equipment: equipment, task: task, configuration: configuration,
            outOfTolerance: outOfTolerance[TaskKey(equipment: equipment.id, task: task.id)] != nil)
    }

    private func recordEvent(
        _ kind: MaintenanceEventKind, _ key: TaskKey, _ equipment: Equipment, _ task: MaintenanceTask,
        client: ClientIdentity, record: Int64, now: Date, message: String,
        details: [String: String]
    ) -> MaintenanceEvent {
        let status = scheduler.statuses[key]
        return MaintenanceEvent(
            kind: kind, task: key, state: status?.state, occurrence: status?.occurrence, dueAt: status?.dueAt, at: now,
            message: message + " (\(configuration.lineName(equipment.line)))",
            details: details.merging([
                "by": client.user, "uid": String(client.uid), "record": String(record), "line": equipment.line,
            ]) { a, _ in a })
    }

    // MARK: Out of tolerance

    func isOutOfTolerance(_ equipment: String) -> Bool {
        outOfTolerance.keys.contains { $0.equipment == equipment }
    }

    /// After a correction: the task's effective completions and tolerance state again, from the history.
    private func refreshCompletions(of key: TaskKey, now: Date) {
        guard
            let records = try? store.records(
                kinds: [.completion, .correction], equipment: key.equipment, task: key.task, limit: 1_000_000)
        else { return }
        let effective = MaintenanceStore.effectiveCompletions(records.reversed())
        let completions = effective.map {
            Completion(id: $0.id, task: key, performedAt: $0.record.performedAt, passed: $0.record.passed)
        }
        perform(scheduler.completionsReplaced(completions, for: key, now: now))
        outOfTolerance[key] = Self.toleranceState(effective)[key]
    }
}
