/// Reads JSON spelt exactly as this program writes it (``JSONText``: keys sorted, no spaces, only the escapes it
/// writes, integers without sign or leading zeros unless negative), and nothing else: a fast path for the large payloads
/// of a history. Any other spelling makes ``read(_:_:)`` return nil, and the caller reads the text with the general
/// decoder instead, so the fast path never decides what is valid, only how quickly the usual text is read.
struct CanonicalJSONReader: ~Copyable {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// What `body` reads from the whole of `text`; nil if it fails or leaves anything unread.
    static func read<Value>(_ text: String, _ body: (inout CanonicalJSONReader) -> Value?) -> Value? {
        var text = text
        return text.withUTF8 { buffer in
            var reader = CanonicalJSONReader(buffer)
            guard let value = body(&reader), reader.index == reader.bytes.count else { return nil }
            return value
        }
    }

    /// Skips `literal` if the text continues with it.
    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A string as ``JSONText/appendQuoted(_:to:)`` writes it: `\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f` and `\u00XX`
    /// for other control characters are the only escapes, and the text must be valid UTF-8.
    mutating func string() -> String? {
        guard skip("\"") else { return nil }
        // The end first (an escaped character is skipped with its backslash), then the text in one piece: a
        // configuration's text in a revision has an escape every few bytes.
        let start = index
        var end = index
        var escaped = false
        var ascii = true
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard bytes[end] >= 0x20 else { return nil }
            if bytes[end] >= 0x80 { ascii = false }
            if bytes[end] == UInt8(ascii: "\\") {
                escaped = true
                end += 2
            } else {
                end += 1
            }
        }
        guard end < bytes.count else { return nil }
        index = end + 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard escaped else { return JSONText.string(utf8: raw, ascii: ascii) }
        var failed = false
        let unescaped = [UInt8](unsafeUninitializedCapacity: raw.count) { out, count in
            var position = 0
            while position < raw.count {
                if raw[position] != UInt8(ascii: "\\") {
                    out[count] = raw[position]
                    position += 1
                } else if let (value, length) = Self.escape(in: raw, at: position + 1) {
                    out[count] = value
                    position += 1 + length
                } else {
                    failed = true
                    return
                }
                count += 1
            }
        }
        return failed ? nil : JSONText.string(utf8: unescaped, ascii: ascii)
    }

    /// The byte an escape stands for and how many bytes follow its backslash.
    private static func escape(in raw: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt8, Int)? {
        guard position < raw.count else { return nil }
        switch raw[position] {
        case UInt8(ascii: "\""): return (UInt8(ascii: "\""), 1)
        case UInt8(ascii: "\\"): return (UInt8(ascii: "\\"), 1)
        case UInt8(ascii: "n"): return (0x0A, 1)
        case UInt8(ascii: "r"): return (0x0D, 1)
        case UInt8(ascii: "t"): return (0x09, 1)
        case UInt8(ascii: "b"): return (0x08, 1)
        case UInt8(ascii: "f"): return (0x0C, 1)
        case UInt8(ascii: "u"):
            guard position + 4 < raw.count, raw[position + 1] == UInt8(ascii: "0"),
                raw[position + 2] == UInt8(ascii: "0"), let high = hexDigit(raw[position + 3]),
                let low = hexDigit(raw[position + 4]), high < 2
            else { return nil }
            return (high << 4 | low, 5)
        default: return nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// An integer as Swift prints it: an optional minus, no leading zeros, within Int64.
    mutating func integer() -> Int64? {
        let negative = skip("-")
        let first = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            let digit = Int64(bytes[index] - UInt8(ascii: "0"))
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAgain) =
                negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            guard !overflow, !overflowAgain else { return nil }
            value = sum
            index += 1
        }
        let digits = index - first
        guard digits > 0, digits == 1 || bytes[first] != UInt8(ascii: "0"), !(negative && value == 0) else {
            return nil
        }
        return value
    }

    /// Elements separated by commas up to `]` (the `[` already read), each read by `element`.
    mutating func elements<Element>(_ element: (inout CanonicalJSONReader) -> Element?) -> [Element]? {
        var result: [Element] = []
        if skip("]") { return result }
        repeat {
            guard let value = element(&self) else { return nil }
            result.append(value)
        } while skip(",")
        return skip("]") ? result : nil
    }
}
