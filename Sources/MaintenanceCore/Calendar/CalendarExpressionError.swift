/// Why a calendar expression (systemd.time(7) `OnCalendar=` syntax) was refused, and where.
public struct CalendarExpressionError: Error, Equatable, CustomStringConvertible {
    /// The expression as written.
    public var expression: String
    /// Zero-based character offset of the problem in ``expression``.
    public var offset: Int
    /// What is wrong and what would be accepted.
    public var reason: String

    public init(expression: String, offset: Int, reason: String) {
        self.expression = expression
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "invalid calendar expression \"\(expression)\" at character \(offset + 1): \(reason)"
    }
}
