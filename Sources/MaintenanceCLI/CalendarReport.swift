public import FoundationEssentials
public import MaintenanceCore

/// `maintctl calendar`: the normalised form and next elapses of calendar expressions, laid out like
/// `systemd-analyze calendar` or as JSON.
public struct CalendarReport {
    /// One expression's result.
    public struct Entry: Encodable, Sendable {
        public var expression: String
        public var normalized: String
        /// Next elapses, RFC 3339 in UTC.
        public var next: [String]
    }

    public var entries: [Entry] = []
    private var elapses: [CalendarElapses] = []
    private let localZone: TimeZoneRules

    /// Evaluates every expression; throws the first invalid one, naming where it is wrong.
    public init(
        expressions: [String], baseTime: Date, iterations: Int, localZone: TimeZoneRules,
        resolver: any TimeZoneResolver
    ) throws(CalendarExpressionError) {
        self.localZone = localZone
        for expression in expressions {
            let spec = try CalendarSpec(expression, localZone: localZone, resolver: resolver)
            let next = spec.elapses(after: baseTime, count: iterations)
            elapses.append(next)
            entries.append(
                Entry(expression: expression, normalized: spec.normalized, next: next.dates.map(Timestamp.rfc3339)))
        }
    }

    /// The text `systemd-analyze calendar` would print; "From now" is relative to `now`.
    public func text(now: Date) -> String {
        var blocks: [String] = []
        let showUTC = !localZone.isAlwaysUTC
        for (entry, next) in zip(entries, elapses) {
            var lines: [String] = []
            if entry.expression != entry.normalized { lines.append("  Original form: \(entry.expression)") }
            lines.append("Normalized form: \(entry.normalized)")
            if next.dates.isEmpty && !next.unresolvable { lines.append("    Next elapse: never") }
            for (index, date) in next.dates.enumerated() {
                let label = index == 0 ? "    Next elapse" : "       Iter. #\(index + 1)"
                lines.append("\(label): \(Timestamp.systemdStyle(date, in: localZone))")
                if showUTC { lines.append("       (in UTC): \(Timestamp.systemdStyle(date, in: .utc))") }
                lines.append("       From now: \(RelativeTime.systemdStyle(from: now, to: date))")
            }
            if next.unresolvable {
                lines.append("    Next elapse: cannot be determined: every time it names falls into a clock change")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// Expressions whose elapses systemd cannot resolve (it reports an infinite loop); the command then fails.
    public var unresolvable: [String] {
        zip(entries, elapses).filter { $0.1.unresolvable }.map { $0.0.expression }
    }

    /// `{"expressions": [...]}`, one object per expression.
    public func json() -> String { JSONOutput.text(["expressions": entries]) }
}
