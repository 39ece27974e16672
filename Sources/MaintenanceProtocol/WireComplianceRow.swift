/// A line's counts for one kind of task, or (without a kind) the line's total.
public struct WireComplianceRow: Codable, Sendable, Equatable {
    /// The line id; "-" for equipment outside any line.
    public var line: String
    public var lineName: String
    public var kind: String?
    public var due: Int
    public var onTime: Int
    public var late: Int
    public var missed: Int
    public var open: Int
    public var deferred: Int
    public var skipped: Int
    public var compliance: Double?

    public init(line: String, lineName: String, kind: String?, counts: WireComplianceCounts) {
        self.line = line
        self.lineName = lineName
        self.kind = kind
        due = counts.due
        onTime = counts.onTime
        late = counts.late
        missed = counts.missed
        open = counts.open
        deferred = counts.deferred
        skipped = counts.skipped
        compliance = counts.compliance
    }

    public var counts: WireComplianceCounts {
        WireComplianceCounts(
            due: due, onTime: onTime, late: late, missed: missed, open: open, deferred: deferred, skipped: skipped,
            compliance: compliance)
    }
}
