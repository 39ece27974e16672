/// Writing JSON strings directly, for the history's large records.
package enum JSONText {
    /// Text from UTF-8 bytes, nil if they are not valid UTF-8. Bytes known to be ASCII are valid as they are and are
    /// taken without the generic validation (its metadata lookups were a fifth of a large configuration's parse).
    package static func string<Bytes: Collection<UInt8>>(utf8 bytes: Bytes, ascii: Bool) -> String? {
        ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped, everything else as UTF-8
    /// (as JSONEncoder writes it without escaping slashes). The escaped length is counted first and the bytes written
    /// in place: a first start's revision is 11 MB of configuration text at 100,000 tasks (JSON itself, a quote every
    /// few bytes), which appended piece by piece took a tenth of a second.
    package static func appendQuoted(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var length = bytes.count + 2
            for byte in bytes where byte < 0x20 || byte == quote || byte == backslash {
                length += shortEscape(byte) == nil ? 5 : 1
            }
            let start = out.count
            out.append(contentsOf: repeatElement(0, count: length))
            out.withUnsafeMutableBufferPointer { buffer in
                var at = buffer.baseAddress! + start
                at.pointee = quote
                at += 1
                for byte in bytes {
                    guard byte < 0x20 || byte == quote || byte == backslash else {
                        at.pointee = byte
                        at += 1
                        continue
                    }
                    at.pointee = backslash
                    if let short = shortEscape(byte) {
                        at[1] = short
                        at += 2
                    } else {
                        at[1] = UInt8(ascii: "u")
                        at[2] = UInt8(ascii: "0")
                        at[3] = UInt8(ascii: "0")
                        at[4] = hexDigit(byte >> 4)
                        at[5] = hexDigit(byte & 0x0F)
                        at += 6
                    }
                }
                at.pointee = quote
            }
        }
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// The letter after the backslash for characters with a two-character escape, nil for `\u00XX`.
    private static func shortEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case quote, backslash: byte
        case 0x0A: UInt8(ascii: "n")
        case 0x0D: UInt8(ascii: "r")
        case 0x09: UInt8(ascii: "t")
        case 0x08: UInt8(ascii: "b")
        case 0x0C: UInt8(ascii: "f")
        default: nil
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
