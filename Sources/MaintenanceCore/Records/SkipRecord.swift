public import FoundationEssentials

/// An occurrence skipped by a lead.
public struct SkipRecord: Sendable, Equatable, Codable {
    public var occurrence: Occurrence
    public var dueAt: Date
    public var dueValue: Double?
    public var reason: String

    public init(occurrence: Occurrence, dueAt: Date, dueValue: Double?, reason: String) {
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.dueValue = dueValue
        self.reason = reason
    }
}
