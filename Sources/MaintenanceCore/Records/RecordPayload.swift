public import FoundationEssentials

/// The typed content of a record.
public enum RecordPayload: Sendable, Equatable {
    case completion(CompletionRecord)
    case correction(CorrectionRecord)
    case meterReading(MeterReadingRecord)
    case meterCorrection(MeterCorrectionRecord)
    case deferral(DeferralRecord)
    case deferralCancellation(DeferralCancellationRecord)
    case skip(SkipRecord)
    case review(ReviewRecord)
    case configRevision(ConfigRevisionRecord)
    case notification(NotificationRecord)
    /// Announcements made together; stored as a record of kind `notification` too.
    case announcements(AnnouncementsRecord)
    case firstSeen(FirstSeenRecord)

    public var kind: RecordKind {
        switch self {
        case .completion: .completion
        case .correction: .correction
        case .meterReading: .meterReading
        case .meterCorrection: .meterCorrection
        case .deferral: .deferral
        case .deferralCancellation: .deferralCancellation
        case .skip: .skip
        case .review: .review
        case .configRevision: .configRevision
        case .notification, .announcements: .notification
        case .firstSeen: .firstSeen
        }
    }

    /// One encoder and one decoder for every record (making them per record was a tenth of a large start-up); both
    /// are safe to use from several threads once configured.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.microsecondsSinceEpoch)
        }
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            Date(microsecondsSinceEpoch: try decoder.singleValueContainer().decode(Int64.self))
        }
        return decoder
    }()

    /// Canonical JSON as JSONEncoder writes it with sorted keys, instants as microseconds since the epoch (for tests
    /// of the payloads written directly).
    static func encodedByEncoder<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Canonical JSON: sorted keys, instants as microseconds since the epoch.
    public func encoded() throws -> String {
        let encoder = Self.encoder
        let data: Data
        switch self {
        case .firstSeen(let value): return value.encoded()
        case .completion(let value): data = try encoder.encode(value)
        case .correction(let value): data = try encoder.encode(value)
        case .meterReading(let value): data = try encoder.encode(value)
        case .meterCorrection(let value): data = try encoder.encode(value)
        case .deferral(let value): data = try encoder.encode(value)
        case .deferralCancellation(let value): data = try encoder.encode(value)
        case .skip(let value): data = try encoder.encode(value)
        case .review(let value): data = try encoder.encode(value)
        case .configRevision(let value): return value.encoded()
        case .notification(let value): data = try encoder.encode(value)
        case .announcements(let value): return value.encoded()
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A value read by the general decoder, as stored payloads not spelt as ``encoded()`` writes them are (for tests
    /// of the payloads read directly).
    static func decodedByDecoder<Value: Decodable>(_ type: Value.Type, from json: String) throws -> Value {
        try decoder.decode(type, from: Data(json.utf8))
    }

    /// Reads a stored payload of a kind.
    public static func decode(kind: RecordKind, json: String) throws -> RecordPayload {
        // The large payloads of a first start (its revision and the tasks first seen), and single first sightings
        // (three quarters of a large plant's history in earlier versions), are read directly when spelt as
        // ``encoded()`` writes them; any other text goes through the decoder.
        switch kind {
        case .firstSeen: if let record = FirstSeenRecord.readCanonical(json) { return .firstSeen(record) }
        case .configRevision:
            if let record = ConfigRevisionRecord.readCanonical(json) { return .configRevision(record) }
        default: break
        }
        let decoder = Self.decoder
        let data = Data(json.utf8)
        switch kind {
        case .completion: return .completion(try decoder.decode(CompletionRecord.self, from: data))
        case .correction: return .correction(try decoder.decode(CorrectionRecord.self, from: data))
        case .meterReading: return .meterReading(try decoder.decode(MeterReadingRecord.self, from: data))
        case .meterCorrection: return .meterCorrection(try decoder.decode(MeterCorrectionRecord.self, from: data))
        case .deferral: return .deferral(try decoder.decode(DeferralRecord.self, from: data))
        case .deferralCancellation:
            return .deferralCancellation(try decoder.decode(DeferralCancellationRecord.self, from: data))
        case .skip: return .skip(try decoder.decode(SkipRecord.self, from: data))
        case .review: return .review(try decoder.decode(ReviewRecord.self, from: data))
        case .configRevision: return .configRevision(try decoder.decode(ConfigRevisionRecord.self, from: data))
        case .notification:
            if AnnouncementsRecord.isBatch(json) { return .announcements(try AnnouncementsRecord.decode(json)) }
            return .notification(try decoder.decode(NotificationRecord.self, from: data))
        case .firstSeen: return .firstSeen(try decoder.decode(FirstSeenRecord.self, from: data))
        }
    }
}
