import MaintenanceCore
import MaintenanceProtocol

/// Writes a parsed JSON document back as text, members in their order, numbers as they were written, two-space
/// indentation; short arrays of scalars stay on one line, as people write them.
enum JSONWriter {
    static func write(_ node: JSONNode) -> String {
        var out = ""
        write(node.value, indent: 0, into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent + 1)
        let closing = String(repeating: "  ", count: indent)
        switch value {
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += pad
                JSONLiteral.quote(member.key, into: &out)
                out += ": "
                write(member.value.value, indent: indent + 1, into: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += closing + "}"
        case .array(let elements):
            guard !elements.isEmpty else { return out += "[]" }
            if elements.allSatisfy({
                if case .object = $0.value { false } else if case .array = $0.value { false } else { true }
            }) {
                var line = "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { line += ", " }
                    write(element.value, indent: indent + 1, into: &line)
                }
                line += "]"
                if line.count <= 100 { return out += line }
            }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += pad
                write(element.value, indent: indent + 1, into: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += closing + "]"
        case .string(let text): JSONLiteral.quote(text, into: &out)
        case .number(_, let text): out += text
        case .bool(let flag): out += flag ? "true" : "false"
        case .null: out += "null"
        }
    }
}
