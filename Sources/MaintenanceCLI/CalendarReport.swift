public import Foundation
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
    private var elapses: [[Date]] = []
    private let localZone: TimeZoneRules

    /// Evaluates every expression; throws the first invalid one, naming where it is wrong.
    public init(expressions: [String], baseTime: Date, iterations: Int, localZone: TimeZoneRules,
                resolver: any TimeZoneResolver) throws(CalendarExpressionError)
    {
        self.localZone = localZone
        for expression in expressions {
            let spec = try CalendarSpec(expression, localZone: localZone, resolver: resolver)
            let next = spec.elapses(after: baseTime, count: iterations)
            elapses.append(next)
            entries.append(Entry(expression: expression, normalized: spec.normalized, next: next.map(Timestamp.rfc3339)))
        }
    }

    /// The text `systemd-analyze calendar` would print; "From now" is relative to `now`.
    public func text(now: Date) -> String {
        var blocks: [String] = []
        let showUTC = !(localZone.identifier == "UTC" || localZone.identifier == "Etc/UTC") || localZone.utcOffset(at: 0) != 0
        for (entry, next) in zip(entries, elapses) {
            var lines = ["  Original form: \(entry.expression)", "Normalized form: \(entry.normalized)"]
            if next.isEmpty { lines.append("    Next elapse: never") }
            for (index, date) in next.enumerated() {
                let label = index == 0 ? "    Next elapse" : "       Iter. #\(index + 1)"
                lines.append("\(label): \(Timestamp.systemdStyle(date, in: localZone))")
                if showUTC { lines.append("       (in UTC): \(Timestamp.systemdStyle(date, in: .utc))") }
                lines.append("       From now: \(RelativeTime.systemdStyle(from: now, to: date))")
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// A JSON array with one object per expression.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(entries), as: UTF8.self)
    }
}
