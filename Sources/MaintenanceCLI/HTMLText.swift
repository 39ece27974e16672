/// Text made safe inside HTML elements and attributes, for the printable reports and maintd-web's board: stored text
/// (names, titles, notes) can never become markup, and control characters other than tab and line feed (terminal
/// escapes, bidirectional overrides) are shown as `\u{…}`.
public enum HTMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            case _ where TerminalText.isUnsafe(scalar): out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
