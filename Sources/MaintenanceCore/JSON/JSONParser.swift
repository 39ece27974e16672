/// A strict RFC 8259 JSON parser that records the line and column of every value and key.
package struct JSONParser {
    private static let maxDepth = 64
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// The column at `columnIndex`: columns are counted forward from there, so finding positions stays linear even
    /// for a megabyte on one line.
    private var columnIndex = 0
    private var column = 1

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is tolerated, as many Windows editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        lineStart = index
    }

    /// Parses one complete JSON document.
    package static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let node = try parser.value()
        parser.skipWhitespace()
        if parser.index < parser.bytes.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the end of the JSON document")
        }
        return node
    }

    private var location: SourceLocation {
        mutating get {
            if columnIndex < lineStart || columnIndex > index {
                columnIndex = lineStart
                column = 1
            }
            // Columns count characters, not bytes: skip UTF-8 continuation bytes.
            for byte in bytes[columnIndex..<min(index, bytes.count)] where byte & 0xC0 != 0x80 { column += 1 }
            columnIndex = min(index, bytes.count)
            return SourceLocation(line: line, column: column)
        }
    }

    private func error(_ message: String) -> JSONSyntaxError {
        var copy = self
        return JSONSyntaxError(message: message, location: copy.location)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "\"\(Character(UnicodeScalar(byte)))\"" }
        return "byte 0x\(String(byte, radix: 16))"
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONNode {
        let start = location
        guard index < bytes.count else { throw error("expected a value, found the end of the file") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return JSONNode(try object(), at: start)
        case UInt8(ascii: "["): return JSONNode(try array(), at: start)
        case UInt8(ascii: "\""): return JSONNode(.string(try string()), at: start)
        case UInt8(ascii: "t"): try literal("true"); return JSONNode(.bool(true), at: start)
        case UInt8(ascii: "f"): try literal("false"); return JSONNode(.bool(false), at: start)
        case UInt8(ascii: "n"): try literal("null"); return JSONNode(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return JSONNode(try number(), at: start)
        case UInt8(ascii: "/"): throw error("comments are not allowed in JSON")
        case UInt8(ascii: "'"): throw error("strings must use double quotes")
        default: throw error("expected a value, found \(describeCurrent())")
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, bytes[index..<index + utf8.count].elementsEqual(utf8) else {
            throw error("expected \(word)")
        }
        index += utf8.count
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw error("values are nested more than \(Self.maxDepth) levels deep") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                    throw error("a trailing comma is not allowed before \"}\"")
                }
                if index < bytes.count && bytes[index] == UInt8(ascii: "/") {
                    throw error("comments are not allowed in JSON")
                }
                throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let keyLocation = location
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected \":\" after the key \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            members.append(JSONMember(key: key, keyLocation: keyLocation, value: try value()))
            skipWhitespace()
            guard index < bytes.count else { throw error("the object is not closed: expected \",\" or \"}\"") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("expected \",\" or \"}\" after the value of \"\(key)\", found \(describeCurrent())")
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONNode] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                throw error("a trailing comma is not allowed before \"]\"")
            }
            elements.append(try value())
            skipWhitespace()
            guard index < bytes.count else { throw error("the array is not closed: expected \",\" or \"]\"") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error("expected \",\" or \"]\" in the array, found \(describeCurrent())")
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var chunkStart = index
        var escaped = false
        var ascii = true
        func flush(_ parser: JSONParser, upTo end: Int) throws(JSONSyntaxError) {
            guard let text = String(validating: parser.bytes[chunkStart..<end], as: UTF8.self) else {
                throw parser.error("the string is not valid UTF-8")
            }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while true {
            guard index < bytes.count else { throw error("the string is not closed: expected \"\\\"\"") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if !escaped {
                    // Most strings have no escape: validated once (not at all when ASCII), with no copy through
                    // scalars (a plant of 100,000 tasks has about a million strings).
                    guard let text = JSONText.string(utf8: bytes[chunkStart..<index], ascii: ascii) else {
                        throw error("the string is not valid UTF-8")
                    }
                    index += 1
                    return text
                }
                try flush(self, upTo: index)
                index += 1
                return String(scalars)
            }
            if byte < 0x20 {
                throw error(
                    byte == 0x0A
                        ? "the string is not closed before the end of the line"
                        : "control characters must be escaped in strings")
            }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try flush(self, upTo: index)
                index += 1
                guard index < bytes.count else { throw error("the string is not closed") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else { throw error("a \\u escape of a high surrogate must be followed by a low surrogate") }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error("invalid low surrogate in \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalars.append(scalar)
                default:
                    index -= 1
                    throw error("invalid escape \"\\\(Character(UnicodeScalar(escape)))\" in a string")
                }
                chunkStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("a \\u escape needs four hexadecimal digits") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 55)
            default: throw error("a \\u escape needs four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        index += 4
        return value
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ parser: inout JSONParser) -> Int {
            let from = parser.index
            while parser.index < parser.bytes.count, (48...57).contains(parser.bytes[parser.index]) {
                parser.index += 1
            }
            return parser.index - from
        }
        guard index < bytes.count, (48...57).contains(bytes[index]) else { throw error("expected digits in a number") }
        if bytes[index] == UInt8(ascii: "0") && index + 1 < bytes.count && (48...57).contains(bytes[index + 1]) {
            throw error("numbers must not start with 0")
        }
        _ = digits(&self)
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("expected digits after the decimal point") }
        }
        if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard digits(&self) > 0 else { throw error("expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error("the number \(text) is too large") }
        return .number(value, text: text)
    }
}
