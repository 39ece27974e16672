public import FoundationEssentials

extension Plant {
    /// The most occurrences one task may have in a report's period (a minutely calendar over a decade is a mistake,
    /// not a report).
    public static let maxReportOccurrencesPerTask = 50_000

    /// The longest period a report covers.
    public static let maxReportPeriod: TimeInterval = 3_653 * 86_400

    /// PM compliance for [from, to): every occurrence of the tasks asked for (a line, a kind) whose due instant
    /// falls in the period, under the configuration in force now.
    ///
    /// The occurrences of a task are replayed from its records in the order the work was performed: the evaluator's
    /// current occurrence before each passing completion or skip is the one that work satisfied (as the completion
    /// record says); occurrences a fixed grid or a calendar placed in between, which no work was recorded for, were
    /// stepped over. Then each is on time (passed by its deadline), late, missed (not passed, deadline behind us),
    /// open (deadline ahead) or, counted apart, deferred (a deferral for it, and done or still open within the
    /// deferral's end plus the tolerance) or skipped.
    public func complianceReport(
        from: Date, to: Date, line: String? = nil, kind: TaskKind? = nil, policy: CompliancePolicy, now: Date,
        listing: ComplianceListing = .all
    ) throws(MaintenanceRefusal) -> ComplianceReport {
        guard from < to else { throw .invalid("to", "must be after from (\(Timestamp.rfc3339(from)))") }
        guard to.timeIntervalSince(from) <= Self.maxReportPeriod else {
            throw .invalid("to", "a report covers at most ten years; ask for a shorter period")
        }
        if let line, line != Equipment.noLine, !configuration.lines.contains(where: { $0.id == line }) {
            throw MaintenanceRefusal(.noSuchLine(line, known: configuration.lines.map(\.id)))
        }
        guard let evaluator = scheduler.evaluator else {
            return ComplianceReport(
                from: from, to: to, policy: policy, generatedAt: now, tally: [:], listed: [], omitted: 0)
        }
        let configuration = self.configuration
        let equipment = line.map { configuration.equipment(onLine: $0) } ?? configuration.equipment
        let tasks = equipment.flatMap { machine in
            machine.tasks.filter { kind == nil || $0.kind == kind }.map { (machine, $0) }
        }
        // Each task's replay is pure and its own: shared out among the cores.
        let ledger = OccurrenceLedger(evaluator: evaluator, history: history, policy: policy, now: now)
        // Each task's occurrences are counted where they are replayed, and only those listed are kept.
        let found = tasks.concurrentMap(minimum: 512) {
            machine, task -> (ComplianceCounts, [OccurrenceOutcome], Int)? in
            guard
                let outcomes = ledger.outcomes(
                    of: task, on: machine, keys: configuration.historyKeys(of: machine, task), from: from, to: to)
            else { return nil }
            var counts = ComplianceCounts()
            for outcome in outcomes { counts.add(outcome.result) }
            switch listing {
            case .all:
                return (counts, outcomes, 0)
            case .exceptions(let limit):
                let exceptions = outcomes.filter(\.result.isException)
                return (counts, Array(exceptions.prefix(limit)), max(0, exceptions.count - limit))
            }
        }
        var tally: [String: [TaskKind: ComplianceCounts]] = [:]
        var listed: [OccurrenceOutcome] = []
        var omitted = 0
        for (index, result) in found.enumerated() {
            guard let result else {
                let (machine, task) = tasks[index]
                throw .invalid(
                    "to",
                    "\(machine.id)/\(task.id) has more than \(Self.maxReportOccurrencesPerTask) occurrences in the period; ask for a shorter one"
                )
            }
            let (machine, task) = tasks[index]
            tally[machine.line, default: [:]][task.kind, default: ComplianceCounts()].add(result.0)
            listed += result.1
            omitted += result.2
        }
        if case .exceptions(let limit) = listing, listed.count > limit {
            listed.sort { ($0.dueAt, $0.task.equipment, $0.task.task) < ($1.dueAt, $1.task.equipment, $1.task.task) }
            omitted += listed.count - limit
            listed.removeLast(listed.count - limit)
        }
        return ComplianceReport(
            from: from, to: to, policy: policy, generatedAt: now, tally: tally, listed: listed, omitted: omitted)
    }
}
