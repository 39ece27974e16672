public import FoundationEssentials

extension Plant {
    /// The largest magnitude a reading may have: the same bound as a meter value's.
    public static let maxMagnitude = MeterReadingCheck.maxValue

    /// What a task's readings say: as-left readings and checks outside their limits fail the work; as-found ones are
    /// findings.
    struct ReadingVerdict {
        var outOfTolerance: [String] = []
        var findings: [String] = []
    }

    /// Records work done: checked against the task's readings, attributed to the occurrence it was done for.
    mutating func complete(
        _ request: CompletionRequest, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let (equipment, task, key) = try resolve(request.task)
        let performedAt = try time(
            request.performedAt, parameter: "performedAt", default: now, now: now, equipment: equipment)
        let requested = try result(request.result)
        let verdict = try check(request.readings, of: task)
        if requested != .fail,
            let missing = task.readings.first(where: { $0.required && request.readings[$0.id] == nil })
        {
            throw .invalid(
                "readings.\(missing.id)",
                "missing: a passing \(task.kind.rawValue) records \(requiredReadings(task)) (or record it as failed)")
        }
        let steps = try answers(request.steps, of: task, passing: requested != .fail)
        let note = try text(request.note, parameter: "note", maxCharacters: Self.maxNoteCharacters)
        let contractor = try request.onBehalfOf.map { contractor throws(MaintenanceRefusal) in
            try self.contractor(contractor)
        }
        let failedSteps = steps.results.filter(\.failed).map(\.id)
        let result: CompletionResult =
            verdict.outOfTolerance.isEmpty && failedSteps.isEmpty ? (requested ?? .pass) : .fail
        var record = CompletionRecord(
            performedAt: performedAt, result: result, readings: request.readings, note: note,
            outOfTolerance: verdict.outOfTolerance, findings: verdict.findings, onBehalfOf: contractor,
            review: task.review)
        record.steps = steps.results
        if let nc = try text(request.nonConformance, parameter: "nonConformance", maxCharacters: 100) {
            guard !nc.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalid("nonConformance", "one line of text, without control characters")
            }
            record.nonConformance = nc
        }

        // Meter steps are meter readings too, recorded first (at the time of the work) so the completion counts
        // from them; a reading the meter's rules refuse refuses the whole command.
        var outcome = Outcome()
        for (meter, value) in steps.meters {
            let reading = try recordMeter(
                equipment: equipment.id, meter: meter, value: value, at: Timestamp.rfc3339(performedAt),
                by: requester, now: now)
            outcome.records += reading.records
            outcome.events += reading.events
        }
        attribute(&record, to: key, excluding: nil)

        let draft = draft(.completion(record), at: now, by: requester.author, task: key)
        apply(draft, now: now, to: &outcome)
        var details: EventDetails = ["result": result.rawValue]
        if !failedSteps.isEmpty { details["failed_steps"] = failedSteps.joined(separator: ",") }
        if let nc = record.nonConformance { details["nc"] = nc }
        if let onTime = record.onTime { details["on_time"] = onTime ? "1" : "0" }
        if let occurrence = record.occurrence { details["satisfied"] = occurrence.description }
        if let contractor { details["on_behalf_of"] = "\(contractor.name) (\(contractor.company))" }
        if let review = record.review, record.needsReview { details["awaiting_review"] = review.rawValue }
        let late = record.onTime == false ? " (late)" : ""
        let performer = contractor.map { " for \($0.name) (\($0.company))" } ?? ""
        let waiting = record.review.map { record.needsReview ? "; awaiting review by a \($0.rawValue)" : "" } ?? ""
        var events = [
            recordEvent(
                .completed, key, equipment: equipment, requester: requester, record: draft.id, now: now,
                message:
                    "\(subject(equipment, task)) recorded by \(requester.user)\(performer): \(result.rawValue)\(late)\(waiting)\(note.map { " — \($0)" } ?? "")",
                details: details)
        ]
        events += toleranceEvents(
            record, key, equipment: equipment, task: task, requester: requester, id: draft.id, now: now)
        outcome.events.insert(contentsOf: events, at: 0)
        outcome.answer = Answer(record: draft.id, task: key, failedReadings: verdict.outOfTolerance + failedSteps)
        return outcome
    }

    /// Supersedes (or withdraws) a completion with a new record, held to the same rules as a completion; a
    /// technician may correct only their own records.
    mutating func correct(
        _ request: CorrectionRequest, by requester: Requester, role: Role, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let reason = try text(
            request.reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: true)!
        guard let original = book.completionId(for: request.record), let entry = book.completions[original] else {
            if let kind = book.kinds[request.record] {
                let hint = kind == .meterReading ? " (a lead corrects meter readings with CorrectMeterReading)" : ""
                throw .invalid(
                    "record", "record \(request.record) is a \(kind.rawValue); only completions can be corrected\(hint)"
                )
            }
            if request.record > 0 && request.record < nextRecordId {
                throw .invalid(
                    "record",
                    "record \(request.record) is one of maintd's own records; only completions can be corrected")
            }
            throw MaintenanceRefusal(.noSuchRecord(request.record))
        }
        if entry.author.uid != requester.uid && role < .lead {
            throw refusal(
                denying: "CorrectRecord of \(entry.author.user)'s record", to: requester, role: role, required: .lead,
                now: now)
        }
        let resolved = configuration.resolve(equipment: entry.task.equipment, task: entry.task.task)
        let currentKey = resolved.map { TaskKey(equipment: $0.0.id, task: $0.1.id) }
        var replacement: CompletionRecord?
        if request.withdraw {
            guard entry.latest != nil else { throw .invalid("record", "record \(original) is already withdrawn") }
        } else {
            guard var base = entry.latest else {
                throw .invalid("record", "record \(original) was withdrawn; record a new completion instead")
            }
            if request.performedAt != nil {
                base.performedAt = try time(
                    request.performedAt, parameter: "performedAt", default: now, now: now, equipment: resolved?.0)
            }
            if let readings = request.readings { base.readings = readings }
            if request.note != nil {
                base.note = try text(request.note, parameter: "note", maxCharacters: Self.maxNoteCharacters)
            }
            let requested = try result(request.result)
            if let (_, task) = resolved {
                let verdict = try check(base.readings, of: task)
                if requested == .pass {
                    if let missing = task.readings.first(where: { $0.required && base.readings[$0.id] == nil }) {
                        throw .invalid(
                            "readings.\(missing.id)",
                            "missing: a pass needs every required reading (\(requiredReadings(task)))")
                    }
                    if !verdict.outOfTolerance.isEmpty {
                        throw .invalid(
                            "result",
                            "a pass needs every reading within its limits; outside: \(describe(verdict.outOfTolerance, base.readings, of: task)) (correct the readings, or record it as failed)"
                        )
                    }
                }
                // Unless asked, a record that failed only on its readings passes once they are corrected into limits.
                let failedOnReadings = base.result == .fail && !base.outOfTolerance.isEmpty
                base.result =
                    !verdict.outOfTolerance.isEmpty ? .fail : requested ?? (failedOnReadings ? .pass : base.result)
                base.outOfTolerance = verdict.outOfTolerance
                base.findings = verdict.findings
                // A correction is recorded under the task's rule now: it needs review if the task does.
                base.review = task.review
                if let currentKey { attribute(&base, to: currentKey, excluding: original) }
            } else if let requested {
                base.result = requested
            }
            replacement = base
        }
        var outcome = Outcome()
        let draft = draft(
            .correction(CorrectionRecord(reason: reason, replacement: replacement)), at: now, by: requester.author,
            task: entry.task, corrects: original)
        apply(draft, now: now, to: &outcome)
        let action = replacement == nil ? "withdrawn" : "corrected"
        var events = [
            MaintenanceEvent(
                kind: .corrected, task: currentKey ?? entry.task, at: now,
                message: "Record \(original) of \(entry.task) \(action) by \(requester.user): \(reason)",
                details: [
                    "by": requester.user, "uid": String(requester.uid), "record": String(draft.id),
                    "corrects": String(original), "reason": reason,
                ])
        ]
        if let replacement, let (equipment, task) = resolved, let currentKey {
            events += toleranceEvents(
                replacement, currentKey, equipment: equipment, task: task, requester: requester, id: draft.id, now: now)
        }
        outcome.events.insert(contentsOf: events, at: 0)
        outcome.answer = Answer(record: draft.id, task: currentKey)
        return outcome
    }

    // MARK: Rules of completions

    /// A contractor as named: both the person and the company, each a line of text.
    func contractor(_ contractor: Contractor) throws(MaintenanceRefusal) -> Contractor {
        func field(_ value: String, _ parameter: String, _ what: String) throws(MaintenanceRefusal) -> String {
            guard let text = try text(value, parameter: parameter, maxCharacters: Self.maxNameCharacters) else {
                throw .invalid(parameter, "required: the \(what) who did the work")
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalid(parameter, "one line of text, without control characters")
            }
            return text
        }
        return Contractor(
            name: try field(contractor.name, "onBehalfOf.name", "person"),
            company: try field(contractor.company, "onBehalfOf.company", "company"))
    }

    /// States which occurrence work done at `performedAt` was for, when that was due and overdue, and whether a pass
    /// came in time: the task as it stood just before, from the records performed before it.
    func attribute(_ record: inout CompletionRecord, to key: TaskKey, excluding id: Int64?) {
        guard let satisfied = scheduler.satisfied(key, by: record.performedAt, excluding: id) else { return }
        record.occurrence = satisfied.occurrence
        record.dueAt = satisfied.dueAt
        record.overdueAt = satisfied.overdueAt
        record.onTime = record.passed ? satisfied.overdueAt.map { record.performedAt <= $0 } ?? true : nil
    }

    /// A checklist's answers as typed, checked against the task's steps in their order: each parsed for its type, a
    /// failed check or a number outside its limits marked failed; a pass needs every required step answered.
    func answers(
        _ typed: [String: String], of task: MaintenanceTask, passing: Bool
    ) throws(MaintenanceRefusal) -> (results: [StepResult], meters: [(String, Double)]) {
        for id in typed.keys.sorted() where !task.steps.contains(where: { $0.id == id }) {
            let known =
                task.steps.isEmpty
                ? "this task has no checklist" : "its steps: \(task.steps.map(\.id).joined(separator: ", "))"
            throw .invalid("steps.\(id)", "unknown step; \(known)")
        }
        var results: [StepResult] = []
        var meters: [(String, Double)] = []
        for step in task.steps {
            let parameter = "steps.\(step.id)"
            guard let raw = typed[step.id]?.trimmingSpacesAndNewlines(), !raw.isEmpty else {
                if step.required && passing {
                    let required = task.steps.filter(\.required).map(\.id).joined(separator: ", ")
                    throw .invalid(
                        parameter,
                        "missing: \"\(step.text)\"; a pass answers every required step (\(required)), or record it as failed"
                    )
                }
                continue
            }
            var result = StepResult(id: step.id, text: step.text, type: step.type.rawValue)
            switch step.type {
            case .check:
                let spelled = raw.lowercased()
                guard let check = StepResult.Check(rawValue: ["na", "n/a"].contains(spelled) ? "n-a" : spelled) else {
                    throw .invalid(parameter, "\"\(raw)\" is not a check result; answer pass, fail or n-a")
                }
                result.check = check
                result.failed = check == .fail
            case .number, .meter:
                guard let number = Double(raw), number.isFinite, abs(number) <= Self.maxMagnitude else {
                    throw .invalid(
                        parameter, "\"\(raw)\" is not a number\(step.unit.isEmpty ? "" : " in \(step.unit)")")
                }
                result.value = number
                result.unit = step.unit.isEmpty ? nil : step.unit
                result.min = step.min
                result.max = step.max
                result.failed = (step.min.map { number < $0 } ?? false) || (step.max.map { number > $0 } ?? false)
                if step.type == .meter, let meter = step.meter { meters.append((meter, number)) }
            case .text:
                result.answer = try text(raw, parameter: parameter, maxCharacters: Self.maxNoteCharacters)
            }
            results.append(result)
        }
        return (results, meters)
    }

    /// "pass", "fail" or nothing.
    func result(_ text: String?) throws(MaintenanceRefusal) -> CompletionResult? {
        guard let text else { return nil }
        guard let result = CompletionResult(rawValue: text) else {
            throw .invalid("result", "\"\(text)\" is not a result; use \"pass\" or \"fail\"")
        }
        return result
    }

    /// Checks readings against the task: known ids, the right type, plausible numbers; says which are outside limits.
    func check(
        _ readings: [String: ReadingValue], of task: MaintenanceTask
    ) throws(MaintenanceRefusal) -> ReadingVerdict {
        for (id, value) in readings.sorted(by: { $0.key < $1.key }) {
            guard let spec = task.readings.first(where: { $0.id == id }) else {
                let known =
                    task.readings.isEmpty
                    ? "this task records no readings"
                    : "this task records: \(task.readings.map(\.id).joined(separator: ", "))"
                throw .invalid("readings.\(id)", "unknown reading; \(known)")
            }
            switch (spec.type, value) {
            case (.number, .number(let number)):
                guard number.isFinite, abs(number) <= Self.maxMagnitude else {
                    throw .invalid("readings.\(id)", "\(number) is not a plausible reading")
                }
            case (.number, .check):
                throw .invalid("readings.\(id)", "expected a number in \(spec.unit.isEmpty ? "its unit" : spec.unit)")
            case (.check, .number):
                throw .invalid("readings.\(id)", "a check: record pass or fail")
            case (.check, .check):
                break
            }
        }
        var verdict = ReadingVerdict()
        for spec in task.readings {
            guard let value = readings[spec.id], !spec.accepts(value) else { continue }
            switch spec.stage {
            case .asLeft: verdict.outOfTolerance.append(spec.id)
            case .asFound: verdict.findings.append(spec.id)
            }
        }
        return verdict
    }

    func requiredReadings(_ task: MaintenanceTask) -> String {
        task.readings.filter(\.required).map(\.id).joined(separator: ", ")
    }

    /// "as-left-120 = 126 N·m (min 115.2, max 124.8)".
    func describe(_ ids: [String], _ readings: [String: ReadingValue], of task: MaintenanceTask) -> String {
        ids.compactMap { id -> String? in
            guard let spec = task.readings.first(where: { $0.id == id }), let value = readings[id] else { return nil }
            let unit = spec.type == .number && !spec.unit.isEmpty ? " \(spec.unit)" : ""
            return "\(id) = \(value)\(unit) (\(spec.limitsText))"
        }.joined(separator: "; ")
    }

    /// The out-of-tolerance and finding events a completion calls for.
    func toleranceEvents(
        _ record: CompletionRecord, _ key: TaskKey, equipment: Equipment, task: MaintenanceTask,
        requester: Requester, id: Int64, now: Date
    ) -> [MaintenanceEvent] {
        var events: [MaintenanceEvent] = []
        if !record.outOfTolerance.isEmpty {
            let values = describe(record.outOfTolerance, record.readings, of: task)
            events.append(
                recordEvent(
                    .outOfTolerance, key, equipment: equipment, requester: requester, record: id, now: now,
                    message: "\(subject(equipment, task)) is OUT OF TOLERANCE: \(values); recorded as failed",
                    details: ["readings": values]))
        }
        if !record.findings.isEmpty {
            let values = describe(record.findings, record.readings, of: task)
            events.append(
                recordEvent(
                    .finding, key, equipment: equipment, requester: requester, record: id, now: now,
                    message:
                        "\(subject(equipment, task)) was FOUND OUT OF TOLERANCE (as found): \(values); work measured with it since its last good calibration may need review",
                    details: ["readings": values]))
        }
        return events
    }
}
