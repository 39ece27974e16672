/// What a history record is; stored as text.
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    case completion
    case correction
    case meterReading = "meter-reading"
    case meterCorrection = "meter-correction"
    case deferral
    case deferralCancellation = "deferral-cancellation"
    case skip
    case review
    case configRevision = "config-revision"
    case notification
    case firstSeen = "first-seen"

    /// Records people make (as opposed to maintd's own ledger, revisions and first sightings).
    public static let userKinds: [RecordKind] = [
        .completion, .correction, .meterReading, .meterCorrection, .deferral, .deferralCancellation, .skip,
        .review,
    ]
}
