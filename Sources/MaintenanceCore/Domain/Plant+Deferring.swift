public import FoundationEssentials

extension Plant {
    /// Postpones the current occurrence: only later than it is due, within `maxDeferral`, never for a task that
    /// must not be deferred.
    mutating func deferOccurrence(
        _ reference: TaskReference, until text: String, reason: String?, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let (equipment, task, key) = try resolve(reference)
        guard task.deferrable else {
            throw .invalid("task", "\(key) must be done on time (\"deferrable\": false); it cannot be deferred")
        }
        let reason = try self.text(
            reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: true)!
        let until = try time(text, parameter: "until", default: now, now: now, equipment: nil, future: true)
        let status = try currentStatus(key)
        // The occurrence's own due instant: a second deferral is bounded from it too, not from the first one's end.
        let due: Date? = {
            if case .instant(let date) = status.occurrence { return date }
            return status.dueAt
        }()
        if let due, until <= due {
            throw .invalid(
                "until",
                "\(wallClock(until)) is not after the occurrence's due time \(wallClock(due)); a deferral postpones")
        }
        guard until > now else { throw .invalid("until", "\(wallClock(until)) is not in the future") }
        if let bound = task.maxDeferral {
            let base = due ?? now
            let latest: Date
            switch bound {
            case .duration(let span):
                latest = span.advance(base, in: configuration.zone)
            case .percent(let share):
                guard let period = period(of: task, at: base) else {
                    throw .invalid(
                        "until", "maxDeferral \(bound) is a share of a time interval, which this meter task has not")
                }
                latest = base + TaskEvaluator.share(share, of: period)
            }
            if until > latest {
                throw .invalid(
                    "until",
                    "\(wallClock(until)) is too late: \(key) may be deferred at most \(bound) past its due time, until \(wallClock(latest))"
                )
            }
        }
        var outcome = Outcome()
        let draft = draft(
            .deferral(DeferralRecord(occurrence: status.occurrence, until: until, reason: reason)), at: now,
            by: requester.author, task: key)
        apply(draft, now: now, to: &outcome)
        outcome.events.insert(
            recordEvent(
                .deferred, key, equipment: equipment, requester: requester, record: draft.id, now: now,
                message:
                    "\(subject(equipment, task)) deferred by \(requester.user) until \(wallClock(until)): \(reason)",
                details: ["until": Timestamp.rfc3339(until), "reason": reason]), at: 0)
        outcome.answer = Answer(record: draft.id, task: key)
        return outcome
    }

    /// Cancels the running deferral of the current occurrence: it is due again as if never deferred.
    mutating func cancelDeferral(
        _ reference: TaskReference, reason: String?, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let (equipment, task, key) = try resolve(reference)
        let reason = try self.text(
            reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: true)!
        let status = try currentStatus(key)
        guard let deferral = status.deferral, now < deferral.until else {
            throw .invalid("task", "\(key) is not deferred")
        }
        var outcome = Outcome()
        let draft = draft(
            .deferralCancellation(DeferralCancellationRecord(reason: reason)), at: now, by: requester.author,
            task: deferral.task, corrects: deferral.id)
        apply(draft, now: now, to: &outcome)
        outcome.events.insert(
            recordEvent(
                .deferralCancelled, key, equipment: equipment, requester: requester, record: draft.id, now: now,
                message:
                    "\(subject(equipment, task)): deferral until \(wallClock(deferral.until)) cancelled by \(requester.user): \(reason)",
                details: ["reason": reason, "corrects": String(deferral.id)]), at: 0)
        outcome.answer = Answer(record: draft.id, task: key)
        return outcome
    }

    /// Skips the current occurrence: it counts as covered, and the next one is scheduled.
    mutating func skip(
        _ reference: TaskReference, reason: String?, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let (equipment, task, key) = try resolve(reference)
        guard task.deferrable else {
            throw .invalid("task", "\(key) must be done on time (\"deferrable\": false); it cannot be skipped")
        }
        let reason = try self.text(
            reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: true)!
        let status = try currentStatus(key)
        guard status.occurrence != .never else { throw .invalid("task", "\(key) has no occurrence to skip") }
        let dueAt = status.dueAt ?? status.forecastAt ?? now
        var outcome = Outcome()
        let draft = draft(
            .skip(
                SkipRecord(
                    occurrence: status.occurrence, dueAt: dueAt, dueValue: status.meter?.dueValue, reason: reason)),
            at: now, by: requester.author, task: key)
        apply(draft, now: now, to: &outcome)
        outcome.events.insert(
            recordEvent(
                .skipped, key, equipment: equipment, requester: requester, record: draft.id, now: now,
                message:
                    "\(subject(equipment, task)): occurrence \(status.occurrence) skipped by \(requester.user): \(reason)",
                details: ["reason": reason]), at: 0)
        outcome.answer = Answer(record: draft.id, task: key)
        return outcome
    }

    /// The status of a configured task, refusing out-of-service equipment.
    func currentStatus(_ key: TaskKey) throws(MaintenanceRefusal) -> TaskStatus {
        guard let status = scheduler.statuses[key] else {
            throw MaintenanceRefusal(.noSuchTask(equipment: key.equipment, task: key.task))
        }
        guard status.state != .suspended else {
            throw .invalid("task", "\(key.equipment) is out of service; its tasks are suspended")
        }
        return status
    }
}
