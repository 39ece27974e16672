package import MaintenanceCore

/// A JSON value built or read without a schema: Varlink envelopes and error parameters.
public enum JSONLiteral: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONLiteral])
    case object([String: JSONLiteral])

    /// Parses one JSON document (strict RFC 8259, nesting limited). A key given twice in one object is refused: two
    /// readers of the same message must never see different values.
    package init(parsing bytes: [UInt8]) throws(JSONSyntaxError) {
        let node = try JSONParser.parse(bytes)
        if let (key, location) = Self.duplicateKey(in: node) {
            throw JSONSyntaxError(message: "the key \"\(key)\" is given twice in one object", location: location)
        }
        self.init(node)
    }

    private static func duplicateKey(in node: JSONNode) -> (String, SourceLocation)? {
        switch node.value {
        case .object(let members):
            var seen = Set<String>()
            for member in members {
                if !seen.insert(member.key).inserted { return (member.key, member.keyLocation) }
                if let found = duplicateKey(in: member.value) { return found }
            }
            return nil
        case .array(let items):
            for item in items { if let found = duplicateKey(in: item) { return found } }
            return nil
        default:
            return nil
        }
    }

    init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .number(let value, _): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let items): self = .array(items.map(JSONLiteral.init))
        case .object(let members):
            var result: [String: JSONLiteral] = [:]
            for member in members where result[member.key] == nil { result[member.key] = JSONLiteral(member.value) }
            self = .object(result)
        }
    }

    /// Compact JSON with sorted keys.
    public var serialized: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let value):
            out += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case .string(let value): Self.quote(value, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public subscript(key: String) -> JSONLiteral? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }
}
