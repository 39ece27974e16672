public import Foundation

/// The records people made, by id, as corrections, withdrawals and cancellations left them: the one place where a
/// record's effect on the scheduler's history is decided, at start (replay) and live alike.
struct RecordBook: Sendable {
    struct CompletionEntry: Sendable {
        var task: TaskKey
        var author: RecordAuthor
        /// As the latest correction left it; nil when withdrawn.
        var effective: CompletionRecord?
    }

    struct MeterEntry: Sendable {
        var equipment: String
        var meter: String
        var author: RecordAuthor
        var at: Date
        /// As the latest correction left it; nil when withdrawn.
        var value: Double?
    }

    /// What a record changed: the tasks (by the keys it was stored under) and the meter, to re-evaluate.
    struct Effect: Sendable {
        var tasks: [TaskKey] = []
        var meter: (equipment: String, meter: String)?
    }

    private(set) var completions: [Int64: CompletionEntry] = [:]
    private var completionIds: [TaskKey: [Int64]] = [:]
    /// Correction record id → the completion it corrects.
    private(set) var corrections: [Int64: Int64] = [:]
    private(set) var meterReadings: [Int64: MeterEntry] = [:]
    /// Meter correction record id → the reading it corrects.
    private(set) var meterCorrections: [Int64: Int64] = [:]
    private(set) var deferrals: [Int64: Deferral] = [:]
    /// The kind of every record people made, for refusals that say what a record is.
    private(set) var kinds: [Int64: RecordKind] = [:]
    /// Configuration contents already kept in full, by hash.
    private(set) var keptConfigurations: Set<String> = []

    /// Takes a record into the book and its effect into `history`.
    mutating func absorb(_ record: RecordDraft, into history: inout MaintenanceHistory) -> Effect {
        let key = TaskKey(equipment: record.equipment ?? "", task: record.task ?? "")
        if RecordKind.userKinds.contains(record.payload.kind) { kinds[record.id] = record.payload.kind }
        switch record.payload {
        case .completion(let completion):
            completions[record.id] = CompletionEntry(task: key, author: record.author, effective: completion)
            completionIds[key, default: []].append(record.id)
            history.add(Self.scheduling(completion, id: record.id, task: key))
            return Effect(tasks: [key])
        case .correction(let correction):
            guard let original = record.corrects, var entry = completions[original] else { return Effect() }
            corrections[record.id] = original
            entry.effective = correction.replacement
            completions[original] = entry
            history.completions[entry.task] = (completionIds[entry.task] ?? []).compactMap { id in
                completions[id]?.effective.map { Self.scheduling($0, id: id, task: entry.task) }
            }.sorted { $0.performedAt < $1.performedAt }
            return Effect(tasks: [entry.task])
        case .meterReading(let reading):
            meterReadings[record.id] = MeterEntry(
                equipment: key.equipment, meter: reading.meter, author: record.author, at: reading.at,
                value: reading.value)
            history.add(
                MeterReading(
                    equipment: key.equipment, meter: reading.meter, value: reading.value, at: reading.at,
                    record: record.id))
            return Effect(meter: (key.equipment, reading.meter))
        case .meterCorrection(let correction):
            guard let original = record.corrects, var entry = meterReadings[original] else { return Effect() }
            meterCorrections[record.id] = original
            entry.value = correction.value
            meterReadings[original] = entry
            var list = history.readings[entry.equipment]?[entry.meter] ?? []
            if let index = list.firstIndex(where: { $0.record == original }) {
                if let value = correction.value { list[index].value = value } else { list.remove(at: index) }
            }
            history.readings[entry.equipment, default: [:]][entry.meter] = list
            return Effect(meter: (entry.equipment, entry.meter))
        case .deferral(let deferral):
            let value = Deferral(
                id: record.id, task: key, occurrence: deferral.occurrence, until: deferral.until,
                reason: deferral.reason, recordedAt: record.recordedAt)
            deferrals[record.id] = value
            history.add(value)
            return Effect(tasks: [key])
        case .deferralCancellation:
            guard let original = record.corrects, let deferral = deferrals.removeValue(forKey: original) else {
                return Effect()
            }
            history.deferrals[deferral.task]?.removeAll { $0.id == original }
            return Effect(tasks: [deferral.task])
        case .skip(let skip):
            history.add(
                Skip(
                    id: record.id, task: key, occurrence: skip.occurrence, dueAt: skip.dueAt, dueValue: skip.dueValue,
                    recordedAt: record.recordedAt))
            return Effect(tasks: [key])
        case .firstSeen(let seen):
            if history.firstSeen[key] == nil { history.firstSeen[key] = seen.at }
            return Effect()
        case .configRevision(let revision):
            if revision.sources != nil { keptConfigurations.insert(revision.contentHash) }
            return Effect()
        case .notification:
            return Effect()
        }
    }

    /// The completion a correction or a completion record id stands for.
    func completionId(for record: Int64) -> Int64? {
        completions[record] != nil ? record : corrections[record]
    }

    /// The meter reading a meter reading or meter correction record id stands for.
    func meterReadingId(for record: Int64) -> Int64? {
        meterReadings[record] != nil ? record : meterCorrections[record]
    }

    private static func scheduling(_ completion: CompletionRecord, id: Int64, task: TaskKey) -> Completion {
        Completion(
            id: id, task: task, performedAt: completion.performedAt, passed: completion.passed,
            outOfTolerance: !completion.outOfTolerance.isEmpty)
    }
}
