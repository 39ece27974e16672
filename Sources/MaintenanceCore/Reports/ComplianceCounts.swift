/// How many occurrences came out which way, and the compliance they make.
public struct ComplianceCounts: Sendable, Equatable {
    public var onTime = 0
    public var late = 0
    public var missed = 0
    public var open = 0
    public var deferred = 0
    public var skipped = 0

    public init() {}

    /// Every occurrence due in the period.
    public var due: Int { onTime + late + missed + open + deferred + skipped }

    /// On time ÷ (on time + late + missed), 0…1; nil when nothing was counted.
    public var compliance: Double? {
        let counted = onTime + late + missed
        return counted == 0 ? nil : Double(onTime) / Double(counted)
    }

    public mutating func add(_ result: OccurrenceResult) {
        switch result {
        case .onTime: onTime += 1
        case .late: late += 1
        case .missed: missed += 1
        case .open: open += 1
        case .deferred: deferred += 1
        case .skipped: skipped += 1
        }
    }

    /// Adds another set of counts to these.
    public mutating func add(_ other: ComplianceCounts) {
        onTime += other.onTime
        late += other.late
        missed += other.missed
        open += other.open
        deferred += other.deferred
        skipped += other.skipped
    }

}
