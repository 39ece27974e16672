/// What a history record is; stored as text.
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    case completion
    case correction
    case meterReading = "meter-reading"
    case deferral
    case skip
    case configRevision = "config-revision"
    case notification
    case firstSeen = "first-seen"
}
