import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

extension WireTask {
    /// A task's status as the protocol shows it.
    init(
        _ status: TaskStatus, equipment: Equipment, task: MaintenanceTask, configuration: Configuration,
        outOfTolerance: Bool, awaitingReview: Int64?
    ) {
        self.init(
            equipment: equipment.id, task: task.id, equipmentName: equipment.name, line: equipment.line,
            lineName: configuration.lineName(equipment.line), kind: task.kind.rawValue, title: task.title,
            procedure: task.procedure, state: status.state.rawValue, trigger: status.trigger.rawValue,
            occurrence: status.occurrence.description, dueAt: status.dueAt.map(Timestamp.rfc3339),
            upcomingAt: status.upcomingAt.map(Timestamp.rfc3339), overdueAt: status.overdueAt.map(Timestamp.rfc3339),
            forecastAt: status.forecastAt.map(Timestamp.rfc3339), lastDone: status.lastDone.map(Timestamp.rfc3339),
            meter: status.meter.map {
                WireMeterProgress(
                    meter: $0.meter, unit: $0.unit, dueValue: $0.dueValue, current: $0.current,
                    ratePerHour: $0.ratePerHour)
            },
            deferredUntil: status.deferral.map { Timestamp.rfc3339($0.until) }, deferralReason: status.deferral?.reason,
            deferrable: task.deferrable, outOfTolerance: outOfTolerance, awaitingRetest: status.awaitingRetest != nil,
            failedRecord: status.awaitingRetest?.id)
        review = task.review?.rawValue
        self.awaitingReview = awaitingReview
        dueMovedFrom = status.dueMove.map { Timestamp.rfc3339($0.from) }
        dueMoveReason = status.dueMove?.reason
        noShutdownFits = status.dueMove?.noShutdownFits == true ? true : nil
        followUpOf = task.followUpOf
        estimatedDuration = task.estimatedDuration?.text
        estimatedHours = task.estimatedDuration.map { $0.approximateSeconds / 3_600 }
        downtime = task.downtime ? true : nil
        lockout = task.lockout ? true : nil
        assignee = task.assignee
        blocksOperation = task.blocksOperation ? true : nil
        parts =
            task.parts.isEmpty
            ? nil : task.parts.map { WirePart(number: $0.number, quantity: $0.quantity, description: $0.description) }
    }
}

extension WireRecord {
    /// A stored record as the protocol shows it.
    init(_ record: StoredRecord, supersededBy: Int64? = nil, review: ReviewState? = nil) {
        self.init(
            id: record.id, kind: record.kind.rawValue, recordedAt: Timestamp.rfc3339(record.recordedAt),
            by: record.author.user, uid: Int64(record.author.uid), hash: record.hash)
        equipment = record.equipment
        task = record.task
        corrects = record.corrects
        self.supersededBy = supersededBy
        meaning = record.meaning?.rawValue
        if meaning != nil { signedBy = record.author.printedName }
        switch review {
        case .awaiting: self.review = "awaiting"
        case .reviewed(let by, let verdict):
            self.review = verdict.rawValue
            reviewedIn = by
        case nil: break
        }
        switch record.payload {
        case .completion(let completion):
            fill(completion)
        case .correction(let correction):
            reason = correction.reason
            if let replacement = correction.replacement { fill(replacement) } else { result = "withdrawn" }
        case .meterReading(let reading):
            meter = reading.meter
            value = reading.value
            at = Timestamp.rfc3339(reading.at)
        case .meterCorrection(let correction):
            meter = correction.meter
            value = correction.value
            reason = correction.reason
            if correction.value == nil { result = "withdrawn" }
        case .deferral(let deferral):
            occurrence = deferral.occurrence.description
            until = Timestamp.rfc3339(deferral.until)
            reason = deferral.reason
        case .deferralCancellation(let cancellation):
            reason = cancellation.reason
        case .review(let review):
            result = review.verdict.rawValue
            reason = review.reason
        case .skip(let skip):
            occurrence = skip.occurrence.description
            reason = skip.reason
            at = Timestamp.rfc3339(skip.dueAt)
        case .configRevision(let revision):
            summary = revision.summary
            note = revision.contentHash
        case .announcements(let together):
            summary = "\(together.entries.count) announcements made together"
        case .notification(let notification):
            occurrence = notification.occurrence
            result = notification.state.rawValue
            summary = notification.message
        case .firstSeen(let seen):
            at = Timestamp.rfc3339(seen.at)
            if let tasks = seen.tasks { summary = "\(tasks.count) tasks first seen together" }
        }
    }

    private mutating func fill(_ completion: CompletionRecord) {
        performedAt = Timestamp.rfc3339(completion.performedAt)
        result = completion.result.rawValue
        var numbers: [String: Double] = [:]
        var checks: [String: Bool] = [:]
        for (id, value) in completion.readings {
            switch value {
            case .number(let number): numbers[id] = number
            case .check(let passed): checks[id] = passed
            }
        }
        readings = numbers
        self.checks = checks.isEmpty ? nil : checks
        note = completion.note
        outOfTolerance = completion.outOfTolerance
        findings = completion.findings.isEmpty ? nil : completion.findings
        steps =
            completion.steps.isEmpty
            ? nil
            : completion.steps.map {
                WireStepResult(
                    id: $0.id, text: $0.text, type: $0.type, check: $0.check?.rawValue, value: $0.value,
                    answer: $0.answer, unit: $0.unit, min: $0.min, max: $0.max, failed: $0.failed)
            }
        nonConformance = completion.nonConformance
        occurrence = completion.occurrence?.description
        dueAt = completion.dueAt.map(Timestamp.rfc3339)
        overdueAt = completion.overdueAt.map(Timestamp.rfc3339)
        onTime = completion.onTime
        onBehalfOf = completion.onBehalfOf.map { WireContractor(name: $0.name, company: $0.company) }
    }
}

extension WireEvent {
    /// An event as the protocol shows it.
    init(_ event: MaintenanceEvent) {
        self.init(
            kind: event.kind.rawValue, message: event.message, at: Timestamp.rfc3339(event.at),
            equipment: event.task?.equipment, task: event.task?.task, line: event.details["line"],
            state: event.state?.rawValue, dueAt: event.dueAt.map(Timestamp.rfc3339), details: event.details.dictionary)
    }
}

extension VarlinkError {
    /// A refusal of the model as the typed error the interface declares.
    init(_ refusal: MaintenanceRefusal) {
        switch refusal.reason {
        case .noSuchEquipment(let id): self = .noSuchEquipment(id)
        case .noSuchTask(let equipment, let task): self = .noSuchTask(equipment, task)
        case .noSuchMeter(let equipment, let meter): self = .noSuchMeter(equipment, meter)
        case .noSuchRecord(let id): self = .noSuchRecord(id)
        case .noSuchLine: self = .invalidParameter("line", refusal.description)
        case .invalidParameter(let parameter, let message): self = .invalidParameter(parameter, message)
        case .permissionDenied(let action, let user, let role, let required, let groups):
            self = .permissionDenied(
                method: action, user: user, role: role.rawValue, required: required.rawValue, groups: groups)
        case .meterReadingRejected(let equipment, let meter, let reason):
            self = .meterReadingRejected(equipment, meter, reason)
        }
    }
}
