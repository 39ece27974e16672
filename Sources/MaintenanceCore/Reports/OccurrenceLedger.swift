public import FoundationEssentials

/// Replays one task's records to say what became of each of its occurrences (see
/// ``Plant/complianceReport(from:to:line:kind:policy:now:)``).
struct OccurrenceLedger: Sendable {
    let evaluator: TaskEvaluator
    let history: MaintenanceHistory
    let policy: CompliancePolicy
    let now: Date

    /// What satisfied an occurrence.
    private enum Cover {
        case completion(Completion)
        case skip(Skip)

        /// The record.
        var record: Int64 {
            switch self {
            case .completion(let completion): completion.id
            case .skip(let skip): skip.id
            }
        }

        /// When it counts as covering (a skip at the due instant of what it skipped, as the evaluator has it).
        var time: Date {
            switch self {
            case .completion(let completion): completion.performedAt
            case .skip(let skip): skip.dueAt
            }
        }
    }

    /// The outcomes of the task's occurrences due in [from, to); nil if there are more than the report allows.
    func outcomes(
        of task: MaintenanceTask, on equipment: Equipment, keys: [TaskKey], from: Date, to: Date
    ) -> [OccurrenceOutcome]? {
        let limit = Plant.maxReportOccurrencesPerTask
        let covers =
            (history.merged(history.completions, keys: keys, by: \.performedAt).filter(\.passed).map(Cover.completion)
            + history.merged(history.skips, keys: keys, by: \.dueAt).map(Cover.skip))
            .enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element)
        let deferrals = history.merged(history.deferrals, keys: keys, by: \.recordedAt)
        // The task's history without its work, skips and deferrals: the replay adds them one by one. Failed work
        // is left out (it satisfies nothing) and so are deferrals (they move no occurrence, they excuse one).
        var base = history
        for key in keys {
            base.completions[key] = nil
            base.skips[key] = nil
            base.deferrals[key] = nil
        }
        var replay = base
        func status() -> TaskStatus { evaluator.evaluate(task, of: equipment, history: replay, now: now) }

        var outcomes: [OccurrenceOutcome] = []
        /// Counts one occurrence if it is due in the period.
        func count(_ occurrence: Occurrence, due: Date, configured: Date?, period: TimeInterval?, cover: Cover?) {
            guard due >= from && due < to else { return }
            let deferral = deferrals.last { $0.occurrence == occurrence }
            let deadline = policy.deadline(due: due, configured: configured, period: period)
            outcomes.append(
                OccurrenceOutcome(
                    task: TaskKey(equipment: equipment.id, task: task.id), line: equipment.line, kind: task.kind,
                    occurrence: occurrence, dueAt: due, deadline: deadline,
                    result: result(due: due, deadline: deadline, cover: cover, deferral: deferral),
                    record: cover?.record, performedAt: cover?.time, deferral: deferral))
        }
        func count(_ status: TaskStatus, cover: Cover?) {
            // Work done before a meter occurrence was reached satisfied it when it was done.
            guard let due = status.dueAt ?? cover?.time else { return }
            count(
                status.occurrence, due: due, configured: status.overdueAt,
                period: evaluator.period(of: status, task, due: due), cover: cover)
        }
        func count(_ point: ScheduledOccurrence, cover: Cover?) {
            count(
                .instant(point.dueAt), due: point.dueAt, configured: point.overdueAt, period: point.period, cover: cover
            )
        }

        var current = status()
        for index in covers.indices {
            if let due = current.dueAt, due >= to { break }
            switch covers[index] {
            case .completion(let completion): replay.add(completion)
            case .skip(let skip): replay.add(skip)
            }
            let next = status()
            guard next.occurrence != current.occurrence else { continue }  // it satisfied nothing new
            guard
                let satisfaction = evaluator.satisfaction(
                    before: current, after: next, task, of: equipment, history: history, limit: limit)
            else { return nil }
            if let later = satisfaction.later {
                // Work in a later occurrence's window was for that one: the one outstanding and any between went
                // without work.
                count(current, cover: nil)
                for point in satisfaction.between { count(point, cover: nil) }
                count(later, cover: covers[index])
            } else {
                count(current, cover: covers[index])
            }
            current = next
            guard outcomes.count <= limit else { return nil }
        }
        // The occurrence outstanding now, and what the schedule places after it in the period; nothing is owed on
        // equipment out of service, nor for a meter occurrence not reached.
        guard equipment.inService, let due = current.dueAt, due < to else { return outcomes }
        count(current, cover: nil)
        guard
            let ahead = evaluator.scheduled(
                task, of: equipment, trigger: current.trigger, history: history,
                after: current.occurrence.instant ?? due, before: to, limit: limit)
        else { return nil }
        for point in ahead { count(point, cover: nil) }
        return outcomes.count <= limit ? outcomes : nil
    }

    /// On time, late, missed, open, deferred or skipped.
    private func result(due: Date, deadline: Date?, cover: Cover?, deferral: Deferral?) -> OccurrenceResult {
        // A deferral moves the deadline to its end plus the same tolerance.
        let extended = deferral.map { deferral in
            max(due, deferral.until) + max(0, (deadline ?? .distantFuture).timeIntervalSince(due))
        }
        switch cover {
        case .skip?:
            return .skipped
        case .completion(let completion)?:
            if completion.performedAt <= deadline ?? .distantFuture { return .onTime }
            if let extended, completion.performedAt <= extended { return .deferred }
            return .late
        case nil:
            if now < deadline ?? .distantFuture { return .open }
            if let extended, now < extended { return .deferred }
            return .missed
        }
    }
}
