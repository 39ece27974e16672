public import Foundation
public import MaintenanceCore

extension MaintenanceStore {
    /// What the scheduler needs, rebuilt from every record: effective completions (corrections applied),
    /// readings, deferrals, skips, first sightings, and the last announcement per task.
    public func loadHistory() throws(StoreError) -> (history: MaintenanceHistory, marks: [TaskKey: NotificationMark]) {
        Self.replay(try allRecords())
    }

    /// Builds the history from records in id order.
    public static func replay(
        _ records: [StoredRecord]
    ) -> (history: MaintenanceHistory, marks: [TaskKey: NotificationMark]) {
        var history = MaintenanceHistory()
        var marks: [TaskKey: NotificationMark] = [:]
        for record in records {
            let key = TaskKey(equipment: record.equipment ?? "", task: record.task ?? "")
            switch record.payload {
            case .completion, .correction:
                continue  // see effectiveCompletions
            case .meterReading(let reading):
                history.add(
                    MeterReading(equipment: key.equipment, meter: reading.meter, value: reading.value, at: reading.at))
            case .deferral(let deferral):
                history.add(
                    Deferral(
                        id: record.id, task: key, occurrence: deferral.occurrence, until: deferral.until,
                        reason: deferral.reason, recordedAt: record.recordedAt))
            case .skip(let skip):
                history.add(
                    Skip(
                        id: record.id, task: key, occurrence: skip.occurrence, dueAt: skip.dueAt,
                        dueValue: skip.dueValue, recordedAt: record.recordedAt))
            case .firstSeen(let seen):
                if history.firstSeen[key] == nil { history.firstSeen[key] = seen.at }
            case .notification(let notification):
                guard let state = DueState(rawValue: notification.state) else { continue }
                if var mark = marks[key], mark.occurrence == notification.occurrence {
                    mark.state = max(mark.state, state)
                    mark.notifiedAt = record.recordedAt
                    marks[key] = mark
                } else {
                    marks[key] = NotificationMark(
                        occurrence: notification.occurrence, state: state, notifiedAt: record.recordedAt)
                }
            case .configRevision:
                continue
            }
        }
        for entry in effectiveCompletions(records) {
            history.add(
                Completion(
                    id: entry.id, task: entry.task, performedAt: entry.record.performedAt, passed: entry.record.passed))
        }
        return (history, marks)
    }

    /// Every completion as its latest correction left it (withdrawn ones left out), in id order.
    public static func effectiveCompletions(
        _ records: [StoredRecord]
    ) -> [(id: Int64, task: TaskKey, record: CompletionRecord)] {
        var completions: [Int64: (task: TaskKey, record: CompletionRecord)] = [:]
        var order: [Int64] = []
        for record in records {
            switch record.payload {
            case .completion(let completion):
                completions[record.id] = (
                    TaskKey(equipment: record.equipment ?? "", task: record.task ?? ""), completion
                )
                order.append(record.id)
            case .correction(let correction):
                guard let original = record.corrects, let entry = completions[original] else { continue }
                completions[original] = correction.replacement.map { (entry.task, $0) }
            default:
                continue
            }
        }
        return order.compactMap { id in completions[id].map { (id, $0.task, $0.record) } }
    }

    /// The effective version of a completion: its latest correction's replacement, nil if withdrawn.
    public func effectiveCompletion(_ id: Int64) throws(StoreError) -> CompletionRecord? {
        let original = try record(id)
        guard case .completion = original.payload else { throw .unknownRecord(id) }
        let related = try records(
            kinds: [.correction], equipment: original.equipment, task: original.task, limit: 10_000)
        return Self.effectiveCompletions([original] + related.reversed()).first { $0.id == id }?.record
    }
}
