/// A span of time relative to when a task is due, written as a duration (`"3d"`) or as a percentage of the task's
/// interval (`"10%"`): how early it becomes upcoming (lead time) or how late it becomes overdue (tolerance).
public enum Allowance: Sendable, Hashable, CustomStringConvertible {
    case duration(MaintenanceInterval)
    case percent(Double)

    public var description: String {
        switch self {
        case .duration(let interval): interval.text
        case .percent(let value): "\(value.formatted(maxFractionDigits: 2))%"
        }
    }

    /// Parses `"10%"` or a duration.
    public init(parsing text: String) throws(DurationError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix("%") {
            guard let value = Double(trimmed.dropLast().trimmingSpaces()), value.isFinite,
                value >= 0, value <= 1_000
            else { throw DurationError(text: text, reason: "a percentage must be a number from 0% to 1000%") }
            self = .percent(value)
        } else {
            self = .duration(try MaintenanceInterval(parsing: text))
        }
    }
}
