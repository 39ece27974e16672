public import FoundationEssentials

/// One occurrence of a task: due at an instant (time triggers) or at a meter value (meter triggers).
///
/// Records and the wire carry it as text (`2026-11-20T05:00:00Z`, `meter:run-hours@12250`, `never`), the form
/// earlier versions stored, so old records still read.
public enum Occurrence: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Due at this instant.
    case instant(Date)
    /// Due when this meter reaches this value.
    case meter(String, Double)
    /// A calendar expression that never elapses again.
    case never

    /// The instant of a time occurrence.
    public var instant: Date? {
        if case .instant(let date) = self { return date }
        return nil
    }

    public var description: String {
        switch self {
        case .instant(let date): Timestamp.rfc3339(date)
        case .meter(let meter, let value): "meter:\(meter)@\(value.formatted(maxFractionDigits: 6))"
        case .never: "never"
        }
    }

    /// Reads the text form.
    public init?(_ text: String) {
        if text == "never" {
            self = .never
        } else if text.hasPrefix("meter:"), let at = text.lastIndex(of: "@") {
            let meter = String(text[text.index(text.startIndex, offsetBy: 6)..<at])
            guard !meter.isEmpty, let value = Double(text[text.index(after: at)...]), value.isFinite else {
                return nil
            }
            self = .meter(meter, value)
        } else if let date = Timestamp.parseRFC3339(text) {
            self = .instant(date)
        } else {
            return nil
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Occurrence(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\"\(text)\" is not an occurrence")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
