/// How many occurrences came out which way, and the compliance (0–1) they make.
public struct WireComplianceCounts: Codable, Sendable, Equatable {
    public var due: Int
    public var onTime: Int
    public var late: Int
    public var missed: Int
    public var open: Int
    public var deferred: Int
    public var skipped: Int
    /// On time ÷ (on time + late + missed); absent when nothing was counted.
    public var compliance: Double?

    public init(
        due: Int, onTime: Int, late: Int, missed: Int, open: Int, deferred: Int, skipped: Int, compliance: Double?
    ) {
        self.due = due
        self.onTime = onTime
        self.late = late
        self.missed = missed
        self.open = open
        self.deferred = deferred
        self.skipped = skipped
        self.compliance = compliance
    }
}
