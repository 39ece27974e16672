public import FoundationEssentials

/// PM compliance over a period: every occurrence due in [from, to), counted per line and kind.
public struct ComplianceReport: Sendable, Equatable {
    /// A line's counts for one kind of task, or (kind nil) for all of them.
    public struct Row: Sendable, Equatable {
        public var line: String
        public var kind: TaskKind?
        public var counts: ComplianceCounts
    }

    public var from: Date
    public var to: Date
    public var policy: CompliancePolicy
    /// When it was computed: what "now" was for open and missed occurrences.
    public var generatedAt: Date
    /// Per line: a row per kind, then the line's total (kind nil); lines in id order.
    public var rows: [Row]
    public var total: ComplianceCounts
    /// The occurrences listed, by due instant: every one counted, or only the exceptions (late, missed, deferred,
    /// skipped) up to a limit (``ComplianceListing``).
    public var occurrences: [OccurrenceOutcome]
    /// Exceptions counted but not listed (beyond the limit).
    public var omitted: Int

    /// The report over counts by line and kind, with the occurrences listed.
    init(
        from: Date, to: Date, policy: CompliancePolicy, generatedAt: Date,
        tally byLine: [String: [TaskKind: ComplianceCounts]], listed: [OccurrenceOutcome], omitted: Int
    ) {
        self.from = from
        self.to = to
        self.policy = policy
        self.generatedAt = generatedAt
        self.occurrences = listed.sorted {
            ($0.dueAt, $0.task.equipment, $0.task.task) < ($1.dueAt, $1.task.equipment, $1.task.task)
        }
        self.omitted = omitted
        var total = ComplianceCounts()
        for kinds in byLine.values { for counts in kinds.values { total.add(counts) } }
        var rows: [Row] = []
        for (line, kinds) in byLine.sorted(by: { $0.key < $1.key }) {
            var lineTotal = ComplianceCounts()
            for (kind, counts) in kinds.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                rows.append(Row(line: line, kind: kind, counts: counts))
                lineTotal.add(counts)
            }
            rows.append(Row(line: line, kind: nil, counts: lineTotal))
        }
        self.rows = rows
        self.total = total
    }
}
