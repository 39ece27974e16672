/// What a person's signature on a record means (21 CFR 11.50(a)(3)); stored with every record people make.
public enum SignatureMeaning: String, Sendable, Codable, CaseIterable {
    /// The work (or the meter reading) was done, by the signer or, for contractor work, by the person named.
    case performed
    /// A second person checked a completion and accepted or rejected it.
    case reviewed
    /// A lead approved a change to the plan: a deferral, its cancellation, a skip.
    case approved
    /// A record was corrected or withdrawn.
    case corrected

    /// The meaning a record of a kind carries; nil for maintd's own records, which no person signs.
    public init?(of kind: RecordKind) {
        switch kind {
        case .completion, .meterReading: self = .performed
        case .review: self = .reviewed
        case .deferral, .deferralCancellation, .skip: self = .approved
        case .correction, .meterCorrection: self = .corrected
        case .configRevision, .notification, .firstSeen: return nil
        }
    }
}
