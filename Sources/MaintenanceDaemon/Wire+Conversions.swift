import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

extension WireTask {
    /// A task's status as the protocol shows it.
    init(
        _ status: TaskStatus, equipment: Equipment, task: MaintenanceTask, configuration: Configuration,
        outOfTolerance: Bool
    ) {
        self.init(
            equipment: equipment.id, task: task.id, equipmentName: equipment.name, line: equipment.line,
            lineName: configuration.lineName(equipment.line), kind: task.kind.rawValue, title: task.title,
            procedure: task.procedure, state: status.state.rawValue, trigger: status.trigger.rawValue,
            occurrence: status.occurrence, dueAt: status.dueAt.map(Timestamp.rfc3339),
            upcomingAt: status.upcomingAt.map(Timestamp.rfc3339), overdueAt: status.overdueAt.map(Timestamp.rfc3339),
            forecastAt: status.forecastAt.map(Timestamp.rfc3339), lastDone: status.lastDone.map(Timestamp.rfc3339),
            meter: status.meter.map {
                WireMeterProgress(
                    meter: $0.meter, unit: $0.unit, dueValue: $0.dueValue, current: $0.current,
                    ratePerHour: $0.ratePerHour)
            },
            deferredUntil: status.deferral.map { Timestamp.rfc3339($0.until) }, deferralReason: status.deferral?.reason,
            outOfTolerance: outOfTolerance)
    }
}

extension WireRecord {
    /// A stored record as the protocol shows it.
    init(_ record: StoredRecord, supersededBy: Int64? = nil) {
        self.init(
            id: record.id, kind: record.kind.rawValue, recordedAt: Timestamp.rfc3339(record.recordedAt),
            by: record.author.user, uid: Int64(record.author.uid), hash: record.hash)
        equipment = record.equipment
        task = record.task
        corrects = record.corrects
        self.supersededBy = supersededBy
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
        case .deferral(let deferral):
            occurrence = deferral.occurrence
            until = Timestamp.rfc3339(deferral.until)
            reason = deferral.reason
        case .skip(let skip):
            occurrence = skip.occurrence
            reason = skip.reason
            at = Timestamp.rfc3339(skip.dueAt)
        case .configRevision(let revision):
            summary = revision.summary
            note = revision.contentHash
        case .notification(let notification):
            occurrence = notification.occurrence
            result = notification.state
            summary = notification.message
        case .firstSeen(let seen):
            at = Timestamp.rfc3339(seen.at)
        }
    }

    private mutating func fill(_ completion: CompletionRecord) {
        performedAt = Timestamp.rfc3339(completion.performedAt)
        result = completion.result
        readings = completion.readings
        note = completion.note
        outOfTolerance = completion.outOfTolerance
    }
}

extension WireEvent {
    /// An event as the protocol shows it.
    init(_ event: MaintenanceEvent) {
        self.init(
            kind: event.kind.rawValue, message: event.message, at: Timestamp.rfc3339(event.at),
            equipment: event.task?.equipment, task: event.task?.task, line: event.details["line"],
            state: event.state?.rawValue, dueAt: event.dueAt.map(Timestamp.rfc3339), details: event.details)
    }
}
