import FoundationEssentials

/// A recorded reading: a measured number, or a check that passed or failed.
public enum ReadingValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case check(Bool)

    public var description: String {
        switch self {
        case .number(let value): value.formatted(maxFractionDigits: 6)
        case .check(let passed): passed ? "pass" : "fail"
        }
    }

    /// Stored as a JSON number, or as the string "pass" or "fail".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard text == "pass" || text == "fail" else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "expected a number, pass or fail")
            }
            self = .check(text == "pass")
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .check(let passed): try container.encode(passed ? "pass" : "fail")
        }
    }

    /// Reads `"pass"`/`"ok"`/`"fail"` or a number, as people type them.
    public init?(parsing text: String) {
        let trimmed = text.trimmingSpaces().lowercased()
        switch trimmed {
        case "pass", "ok", "passed", "yes": self = .check(true)
        case "fail", "failed", "no", "nok": self = .check(false)
        default:
            guard let value = Double(trimmed), value.isFinite else { return nil }
            self = .number(value)
        }
    }
}
