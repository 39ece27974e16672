/// Colours for a terminal, or none (when piped, or with `NO_COLOR`).
public struct TerminalStyle: Sendable {
    public let enabled: Bool

    public init(enabled: Bool) {
        self.enabled = enabled
    }

    /// A due state in its colour: overdue red, due yellow, upcoming cyan, deferred magenta, suspended dim.
    public func state(_ text: String, _ state: String) -> String {
        guard enabled else { return text }
        let code: String
        switch state {
        case "overdue": code = "1;31"
        case "due": code = "1;33"
        case "upcoming": code = "36"
        case "deferred": code = "35"
        case "suspended": code = "2"
        case "fail", "out-of-tolerance": code = "1;31"
        default: return text
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    public func bold(_ text: String) -> String { enabled ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
}
