public import FoundationEssentials
import HashTreeCollections

/// The records people made, by id, as corrections, withdrawals and cancellations left them: the one place where a
/// record's effect on the scheduler's history is decided, at start (replay) and live alike.
struct RecordBook: Sendable {
    struct CompletionEntry: Sendable {
        var task: TaskKey
        var author: RecordAuthor
        /// As the latest correction left it; nil when withdrawn.
        var latest: CompletionRecord?
        /// The record (the completion, or the correction) that made ``latest``.
        var latestRecord: Int64
        /// The version the schedule counts: the latest, unless that waits for review (then the last accepted one).
        var counted: CompletionRecord?
        /// The record whose version waits for a second person's review.
        var awaitingReview: Int64?
        /// Everyone who recorded or corrected it: none of them may review it.
        var signers: [RecordAuthor]
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

    private(set) var completions: TreeDictionary<Int64, CompletionEntry> = [:]
    private var completionIds: TreeDictionary<TaskKey, [Int64]> = [:]
    /// Correction record id → the completion it corrects.
    private(set) var corrections: TreeDictionary<Int64, Int64> = [:]
    private(set) var meterReadings: TreeDictionary<Int64, MeterEntry> = [:]
    /// Meter correction record id → the reading it corrects.
    private(set) var meterCorrections: TreeDictionary<Int64, Int64> = [:]
    private(set) var deferrals: TreeDictionary<Int64, Deferral> = [:]
    /// Records waiting for review → the completion they are a version of.
    private(set) var awaitingReview: TreeDictionary<Int64, Int64> = [:]
    /// The same, by the task key the completion was stored under.
    private(set) var awaitingReviewByTask: TreeDictionary<TaskKey, Set<Int64>> = [:]
    /// Reviewed records → their review record and its verdict.
    private(set) var reviews: TreeDictionary<Int64, (record: Int64, verdict: ReviewVerdict)> = [:]
    /// The kind of every record people made, for refusals that say what a record is.
    private(set) var kinds: TreeDictionary<Int64, RecordKind> = [:]
    /// Configuration contents already kept in full, by hash.
    private(set) var keptConfigurations: Set<String> = []
    /// Counts of what was recorded, for metrics; only ever grow.
    private(set) var totals = RecordTotals()

    /// Takes a record into the book and its effect into `history`.
    mutating func absorb(_ record: RecordDraft, into history: inout MaintenanceHistory) -> Effect {
        let key = TaskKey(equipment: record.equipment ?? "", task: record.task ?? "")
        if RecordKind.userKinds.contains(record.payload.kind) { kinds[record.id] = record.payload.kind }
        switch record.payload {
        case .completion(let completion):
            totals.count(completion)
            let waits = completion.needsReview
            completions[record.id] = CompletionEntry(
                task: key, author: record.author, latest: completion, latestRecord: record.id,
                counted: waits ? nil : completion, awaitingReview: waits ? record.id : nil, signers: [record.author])
            completionIds[key, default: []].append(record.id)
            if waits {
                startAwaiting(record.id, of: record.id, task: key)
            } else {
                history.add(Self.scheduling(completion, id: record.id, task: key))
            }
            return Effect(tasks: [key])
        case .correction(let correction):
            guard let original = record.corrects, var entry = completions[original] else { return Effect() }
            corrections[record.id] = original
            if let waiting = entry.awaitingReview { stopAwaiting(waiting, task: entry.task) }
            entry.latest = correction.replacement
            entry.latestRecord = record.id
            entry.signers.append(record.author)
            // A withdrawal counts at once (it claims no work); a version that needs review waits, and the version
            // accepted before it still counts meanwhile.
            if let replacement = correction.replacement, replacement.needsReview {
                entry.awaitingReview = record.id
                startAwaiting(record.id, of: original, task: entry.task)
            } else {
                entry.awaitingReview = nil
                entry.counted = correction.replacement
            }
            completions[original] = entry
            recount(entry.task, in: &history)
            return Effect(tasks: [entry.task])
        case .review(let review):
            guard let reviewed = record.corrects, let original = awaitingReview[reviewed],
                var entry = completions[original]
            else { return Effect() }
            stopAwaiting(reviewed, task: entry.task)
            reviews[reviewed] = (record.id, review.verdict)
            entry.awaitingReview = nil
            if review.verdict == .accepted { entry.counted = entry.latest }
            completions[original] = entry
            recount(entry.task, in: &history)
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
            for key in seen.tasks ?? [key] where history.firstSeen[key] == nil { history.firstSeen[key] = seen.at }
            return Effect()
        case .configRevision(let revision):
            if revision.sources != nil { keptConfigurations.insert(revision.contentHash) }
            return Effect()
        case .notification, .announcements:
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

    private mutating func startAwaiting(_ record: Int64, of original: Int64, task: TaskKey) {
        awaitingReview[record] = original
        awaitingReviewByTask[task, default: []].insert(record)
    }

    private mutating func stopAwaiting(_ record: Int64, task: TaskKey) {
        awaitingReview[record] = nil
        awaitingReviewByTask[task]?.remove(record)
        if awaitingReviewByTask[task]?.isEmpty == true { awaitingReviewByTask[task] = nil }
    }

    /// Re-derives a task's counted completions, in performed order.
    private func recount(_ task: TaskKey, in history: inout MaintenanceHistory) {
        history.completions[task] = (completionIds[task] ?? []).compactMap { id in
            completions[id]?.counted.map { Self.scheduling($0, id: id, task: task) }
        }.sorted { $0.performedAt < $1.performedAt }
    }

    private static func scheduling(_ completion: CompletionRecord, id: Int64, task: TaskKey) -> Completion {
        Completion(
            id: id, task: task, performedAt: completion.performedAt, passed: completion.passed,
            outOfTolerance: !completion.outOfTolerance.isEmpty)
    }
}
