/// Text people stored (notes, reasons, names) made safe to print: control characters never reach the terminal raw,
/// so a note cannot clear the screen, move the cursor or forge table rows.
public enum TerminalText {
    /// `text` with every control character (C0, DEL, C1) and bidirectional override shown as `\u{…}` (`\n` and `\t`
    /// as themselves, escaped); printable text unchanged.
    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where isUnsafe(scalar): out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Each line of multi-line text escaped, the line breaks kept.
    public static func escapedLines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escaped(String($0)) }
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x80..<0xA0: true
        // Bidirectional overrides and isolates can reorder what a table shows.
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
