import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

/// A task as ListTasks lists it: everything its WireTask is made from.
struct ListedTask {
    let status: TaskStatus
    let equipment: Equipment
    let task: MaintenanceTask
    let outOfTolerance: Bool
    let awaitingReview: Int64?
}

/// A task's WireTask, encoded, with what it shows beside the configuration (its row without the definitions, which
/// the configuration's content hash stands for).
struct EncodedTask {
    let status: TaskStatus
    let outOfTolerance: Bool
    let awaitingReview: Int64?
    let contentHash: String
    let json: String

    init(_ row: ListedTask, contentHash: String, json: String) {
        status = row.status
        outOfTolerance = row.outOfTolerance
        awaitingReview = row.awaitingReview
        self.contentHash = contentHash
        self.json = json
    }

    /// Whether this is still the JSON of `row` (a row of the same task) under the configuration `contentHash`.
    func shows(_ row: ListedTask, contentHash: String) -> Bool {
        self.contentHash == contentHash && status == row.status && outOfTolerance == row.outOfTolerance
            && awaitingReview == row.awaitingReview
    }
}

extension MaintenanceService {
    /// How many encoded tasks are kept at most (about half a kilobyte each); beyond, the cache starts again.
    static let wireTaskCacheLimit = 20_000

    func status() -> WireStatus {
        let count = plant.scheduler.count
        var status = WireStatus(
            site: configuration.siteName, timezone: configuration.timezone, tasks: plant.statuses.count,
            scheduled: count(.scheduled), upcoming: count(.upcoming), due: count(.due), overdue: count(.overdue),
            deferred: count(.deferred), suspended: count(.suspended),
            nextChange: plant.nextDeadline.map(Timestamp.rfc3339),
            outOfTolerance: plant.outOfTolerance.sorted().map(\.description), configHash: plant.contentHash,
            configFiles: configuration.files, rejectedReload: rejectedReload, startedAt: Timestamp.rfc3339(startedAt),
            version: Self.version, timerWakeups: wakeups)
        let totals = plant.recordTotals
        status.completions = totals.completions
        status.failedCompletions = totals.failedCompletions
        status.findings = totals.findings
        return status
    }

    func listEquipment(_ parameters: ListEquipmentParameters) throws(VarlinkError) -> ListEquipmentReply {
        if let line = parameters.line { try checkLine(line) }
        let equipment = configuration.equipment.filter { parameters.line == nil || $0.line == lineId(parameters.line) }
        return ListEquipmentReply(
            equipment: equipment.map { e in
                WireEquipment(
                    id: e.id, name: e.name, line: e.line, lineName: configuration.lineName(e.line),
                    location: e.location,
                    inService: e.inService, commissioned: e.commissioned.map(Timestamp.rfc3339),
                    meters: e.meters.map { meter in
                        let latest = configuration.historyIds(of: e).compactMap {
                            plant.history.readings(equipment: $0, meter: meter.id).last
                        }.max { $0.at < $1.at }
                        return WireMeter(
                            id: meter.id, unit: meter.unit, value: latest?.value,
                            at: latest.map { Timestamp.rfc3339($0.at) })
                    },
                    tasks: e.tasks.map(\.id), outOfTolerance: plant.isOutOfTolerance(equipment: e.id))
            })
    }

    /// The tasks ListTasks answers with, in its order (most urgent first, then by when).
    func listedTasks(
        _ parameters: ListTasksParameters, now: Date, requester: Requester? = nil
    ) throws(VarlinkError) -> [ListedTask] {
        // "Mine": assigned to the caller by user name or through one of their groups.
        let mine: Set<String>? =
            parameters.mine == true ? Set([requester?.user ?? ""] + (requester?.groups ?? [])) : nil
        // Read once: each use of the plant through the service (a call of its methods for every row) would copy the
        // value's references again.
        let plant = self.plant
        let configuration = plant.configuration
        if let line = parameters.line { try checkLine(line) }
        let only = try parameters.equipment.map { id throws(VarlinkError) -> Equipment in
            guard let equipment = configuration.equipment(id) else { throw .noSuchEquipment(id) }
            return equipment
        }
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
        let statuses = plant.statuses
        let outOfTolerance = plant.outOfTolerance
        let line = lineId(parameters.line)
        let state = parameters.state.flatMap(DueState.init(rawValue:))
        // Only the machines asked for are looked at: one, a line's (indexed), or, for a state across the plant,
        // those of the tasks in that state (indexed); the whole plant only when nothing narrows it.
        let machines: [Equipment]
        if let only {
            machines = line == nil || only.line == line ? [only] : []
        } else if let line {
            machines = configuration.equipment(onLine: line)
        } else if let state {
            let ids = Set(plant.scheduler.keys(in: state).map(\.equipment))
            machines = configuration.equipment.filter { ids.contains($0.id) }
        } else {
            machines = configuration.equipment
        }
        var rows: [ListedTask] = []
        for equipment in machines {
            for task in equipment.tasks {
                guard parameters.kind == nil || task.kind.rawValue == parameters.kind,
                    mine.map({ names in task.assignee.map(names.contains) ?? false }) ?? true,
                    let status = statuses[TaskKey(equipment: equipment.id, task: task.id)],
                    state == nil || status.state == state
                else { continue }
                if let horizon {
                    let pressing = [DueState.due, .overdue, .upcoming].contains(status.state)
                    guard pressing || (status.expectedAt.map { $0 <= horizon } ?? false) else { continue }
                    if status.state == .suspended { continue }
                }
                rows.append(
                    ListedTask(
                        status: status, equipment: equipment, task: task,
                        outOfTolerance: outOfTolerance.contains(status.key),
                        awaitingReview: plant.pendingReview(of: status.key)))
            }
        }
        // Small sort keys are sorted, not the rows: a row is several hundred bytes, and sorting moved them about.
        let keys: [(urgency: Int, at: Date, index: Int)] = rows.indices.map { index in
            (rows[index].status.state.urgency, rows[index].status.expectedAt ?? .distantFuture, index)
        }
        let order = keys.sorted { a, b in
            if a.urgency != b.urgency { return a.urgency > b.urgency }
            return a.at != b.at ? a.at < b.at : rows[a.index].status.key < rows[b.index].status.key
        }
        return order.map { rows[$0.index] }
    }

    /// ListTasks's reply, encoded. A task's JSON is kept and used again while everything it shows is unchanged (its
    /// status, the configuration, its tolerance and review): encoding was most of the cost of a ListTasks.
    func listTasksEncoded(
        _ parameters: ListTasksParameters, now: Date, requester: Requester? = nil
    ) throws(VarlinkError) -> String {
        let rows = try listedTasks(parameters, now: now, requester: requester)
        let configuration = plant.configuration
        let contentHash = plant.contentHash
        if wireTaskCache.count + rows.count > Self.wireTaskCacheLimit { wireTaskCache = [:] }
        var json = #"{"tasks":["#
        for (index, row) in rows.enumerated() {
            if index > 0 { json += "," }
            let key = row.status.key
            if let cached = wireTaskCache[key], cached.shows(row, contentHash: contentHash) {
                json += cached.json
                continue
            }
            let encoded = VarlinkCoding.encode(
                WireTask(
                    row.status, equipment: row.equipment, task: row.task, configuration: configuration,
                    outOfTolerance: row.outOfTolerance, awaitingReview: row.awaitingReview))
            wireTaskCache[key] = EncodedTask(row, contentHash: contentHash, json: encoded)
            json += encoded
        }
        return json + "]}"
    }

    func getTask(_ parameters: GetTaskParameters) throws(VarlinkError) -> GetTaskReply {
        guard let equipment = configuration.equipment(parameters.equipment) else {
            throw .noSuchEquipment(parameters.equipment)
        }
        guard let (_, task) = configuration.resolve(equipment: equipment.id, task: parameters.task) else {
            throw .noSuchTask(equipment.id, parameters.task)
        }
        let limit = min(max(parameters.historyLimit ?? 10, 0), 1_000)
        let records =
            limit == 0
            ? []
            : try history(
                HistoryParameters(
                    equipment: equipment.id, task: task.id,
                    kind: "completion,correction,deferral,deferral-cancellation,skip", limit: limit)
            ).records
        return GetTaskReply(
            task: try wireTask(TaskKey(equipment: equipment.id, task: task.id)), instructions: task.instructions,
            readings: task.readings.map {
                WireReading(
                    id: $0.id, unit: $0.unit, label: $0.label, min: $0.min, max: $0.max, type: $0.type.rawValue,
                    stage: $0.stage.rawValue, required: $0.required)
            },
            history: records,
            steps: task.steps.map {
                WireStep(
                    id: $0.id, text: $0.text, type: $0.type.rawValue, unit: $0.unit.isEmpty ? nil : $0.unit,
                    min: $0.min,
                    max: $0.max, meter: $0.meter, required: $0.required)
            })
    }

    /// Records, newest first, under every id a machine or task had; unknown ids are errors (ids of removed equipment
    /// or tasks are known while they have history).
    func history(_ parameters: HistoryParameters) throws(VarlinkError) -> HistoryReply {
        var kinds = RecordKind.allCases
        var taskKinds: Set<TaskKind>?
        if let list = parameters.kind {
            // Record kinds and task kinds, comma-separated ("completion,correction", "calibration").
            var recordKinds: [RecordKind] = []
            for kind in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let parsed = RecordKind(rawValue: kind) {
                    recordKinds.append(parsed)
                } else if let parsed = TaskKind(rawValue: kind) {
                    taskKinds = (taskKinds ?? []).union([parsed])
                } else {
                    let known = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
                    let tasks = TaskKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw .invalidParameter(
                        "kind", "unknown kind \"\(kind)\"; expected record kinds (\(known)) or task kinds (\(tasks))")
                }
            }
            if !recordKinds.isEmpty { kinds = recordKinds }
        }
        let since = try siteTime(parameters.since, "since")
        let until = try siteTime(parameters.until, "until")
        if let since, let until, until <= since {
            throw .invalidParameter("until", "must be after since (\(Timestamp.rfc3339(since)))")
        }
        let limit = parameters.limit ?? 50
        guard (1...10_000).contains(limit) else { throw .invalidParameter("limit", "must be between 1 and 10000") }
        var (equipmentIds, taskKeys) = try historyScope(equipment: parameters.equipment, task: parameters.task)
        if let line = parameters.line {
            try checkLine(line)
            let onLine = configuration.equipment(onLine: lineId(line)!).flatMap(configuration.historyIds(of:))
            equipmentIds = equipmentIds.map { ids in ids.filter(Set(onLine).contains) } ?? onLine
            taskKeys = taskKeys?.filter { onLine.contains($0.equipment) }
        }
        if let taskKinds {
            // Records of tasks of these kinds, under every id they had (within the equipment asked for).
            let scope = equipmentIds.map(Set.init)
            var keys: [TaskKey] = []
            for equipment in configuration.equipment {
                for task in equipment.tasks where taskKinds.contains(task.kind) {
                    keys += configuration.historyKeys(of: equipment, task).filter {
                        scope?.contains($0.equipment) ?? true
                    }
                }
            }
            taskKeys = taskKeys.map { asked in asked.filter(Set(keys).contains) } ?? keys
        }
        let by = parameters.by?.trimmingCharacters(in: .whitespaces)
        if let by, by.isEmpty { throw .invalidParameter("by", "give a user name") }
        do {
            let records = try store.records(
                kinds: kinds, equipment: equipmentIds, tasks: taskKeys, since: since, until: until, author: by,
                limit: limit)
            let corrections = try store.records(
                kinds: [.correction, .meterCorrection, .deferralCancellation], equipment: equipmentIds, tasks: taskKeys,
                limit: 100_000)
            var superseded: [Int64: Int64] = [:]
            for correction in corrections.reversed() {
                if let id = correction.corrects { superseded[id] = correction.id }
            }
            return HistoryReply(records: records.map { wireRecord($0, supersededBy: superseded[$0.id]) })
        } catch {
            throw .historyUnavailable(error.description)
        }
    }

    /// A time a request gives (a history's or a report's bound): RFC 3339, or a site date or time (a date is its
    /// midnight, site time).
    func siteTime(_ text: String?, _ parameter: String) throws(VarlinkError) -> Date? {
        guard let text else { return nil }
        guard let parsed = Timestamp.parse(text, localZone: configuration.zone) else {
            throw .invalidParameter(parameter, "\"\(text)\" is not a time such as 2026-11-01 or 2026-11-01T06:00:00Z")
        }
        return parsed
    }

    /// The ids a history request covers: current and former ones of configured equipment and tasks, or an id that
    /// only the history still knows.
    private func historyScope(
        equipment id: String?, task taskId: String?
    ) throws(VarlinkError) -> (equipment: [String]?, tasks: [TaskKey]?) {
        guard let id else {
            if taskId != nil { throw .invalidParameter("task", "give the equipment too (EQUIPMENT/TASK)") }
            return (nil, nil)
        }
        func recorded(equipment: [String]?, tasks: [TaskKey]?) -> Bool {
            !((try? store.records(kinds: RecordKind.allCases, equipment: equipment, tasks: tasks, limit: 1)) ?? [])
                .isEmpty
        }
        guard let equipment = configuration.equipment(id) else {
            guard recorded(equipment: [id], tasks: nil) else { throw .noSuchEquipment(id) }
            guard let taskId else { return ([id], nil) }
            let key = TaskKey(equipment: id, task: taskId)
            guard recorded(equipment: nil, tasks: [key]) else { throw .noSuchTask(id, taskId) }
            return ([id], [key])
        }
        let ids = configuration.historyIds(of: equipment)
        guard let taskId else { return (ids, nil) }
        if let (_, task) = configuration.resolve(equipment: equipment.id, task: taskId) {
            return (ids, configuration.historyKeys(of: equipment, task))
        }
        let keys = ids.map { TaskKey(equipment: $0, task: taskId) }
        guard recorded(equipment: nil, tasks: keys) else { throw .noSuchTask(equipment.id, taskId) }
        return (ids, keys)
    }

    func watch(_ parameters: WatchParameters, _ context: RequestContext) throws(VarlinkError) {
        if let line = parameters.line { try checkLine(line) }
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
        let hello = MaintenanceEvent(kind: .started, at: context.now, message: "watching \(scope)")
        var first = WireEvent(hello)
        first.kind = "watching"
        let reply = context.reply
        guard reply.send(VarlinkReply(parametersJSON: VarlinkCoding.encode(WatchReply(event: first)), continues: true))
        else { return }
        eventObservers[token] = { [unowned self] event in
            let configuration = self.configuration
            let equipment = event.task.flatMap { configuration.equipment($0.equipment) }
            if let line = self.lineId(parameters.line), equipment?.line != line { return }
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

    func listReviews(_ context: RequestContext) -> ListReviewsReply {
        let requester = context.requester
        var reviews: [WireReview] = []
        for pending in plant.pendingReviews {
            guard let record = try? store.record(pending.record) else { continue }
            reviews.append(
                WireReview(
                    record: wireRecord(record), task: try? wireTask(pending.task), role: pending.role.rawValue,
                    signers: pending.signers.map(\.user),
                    mayReview: pending.reviewable(by: requester, role: context.role)))
        }
        return ListReviewsReply(reviews: reviews)
    }

    /// The line id a filter means ("-": no line).
    func lineId(_ filter: String?) -> String? { filter == "-" ? Equipment.noLine : filter }

    // MARK: Wire

    func wireTask(_ key: TaskKey?) throws(VarlinkError) -> WireTask {
        guard let key, let status = plant.statuses[key],
            let (equipment, task) = configuration.resolve(equipment: key.equipment, task: key.task)
        else { throw .noSuchTask(key?.equipment ?? "", key?.task ?? "") }
        return wireTask(status, equipment, task)
    }

    func wireTask(_ status: TaskStatus, _ equipment: Equipment, _ task: MaintenanceTask) -> WireTask {
        let key = TaskKey(equipment: equipment.id, task: task.id)
        return WireTask(
            status, equipment: equipment, task: task, configuration: configuration,
            outOfTolerance: plant.outOfTolerance.contains(key),
            awaitingReview: plant.pendingReview(of: key))
    }

    func wireRecord(_ record: StoredRecord, supersededBy: Int64? = nil) -> WireRecord {
        WireRecord(record, supersededBy: supersededBy, review: plant.reviewState(of: record.id))
    }

    /// A line a request names; "-" is equipment outside any line.
    private func checkLine(_ line: String) throws(VarlinkError) {
        guard line == "-" || configuration.lines.contains(where: { $0.id == line }) else {
            throw VarlinkError(MaintenanceRefusal(.noSuchLine(line, known: configuration.lines.map(\.id))))
        }
    }
}

extension MaintenanceService {
    /// The machine gate's answer for one piece of equipment, with its reasons.
    func mayOperate(_ parameters: MayOperateParameters) throws(VarlinkError) -> MayOperateReply {
        guard let verdict = plant.operatingVerdict(equipment: parameters.equipment),
            let equipment = configuration.equipment(verdict.equipment)
        else { throw .noSuchEquipment(parameters.equipment) }
        let reasons = verdict.reasons.map { reason -> WireGateReason in
            let title = reason.task.flatMap { configuration.resolve(equipment: $0.equipment, task: $0.task)?.1.title }
            let message = reason.sentence(in: configuration)
            switch reason {
            case .overdue(let key, let since):
                return WireGateReason(
                    reason: "overdue", task: key.description, title: title, since: Timestamp.rfc3339(since),
                    record: nil, message: message)
            case .failed(let key, let record, let at):
                return WireGateReason(
                    reason: "failed", task: key.description, title: title, since: Timestamp.rfc3339(at),
                    record: record, message: message)
            case .outOfService:
                return WireGateReason(
                    reason: "out-of-service", task: nil, title: nil, since: nil, record: nil, message: message)
            }
        }
        return MayOperateReply(
            equipment: equipment.id, equipmentName: equipment.name, mayOperate: verdict.mayOperate, reasons: reasons,
            blockingTasks: verdict.blockingTasks.map(\.description), checkedAt: Timestamp.rfc3339(clock()))
    }
}
