public import FoundationEssentials

/// An occurrence postponed by a lead.
public struct DeferralRecord: Sendable, Equatable, Codable {
    public var occurrence: Occurrence
    public var until: Date
    public var reason: String

    public init(occurrence: Occurrence, until: Date, reason: String) {
        self.occurrence = occurrence
        self.until = until
        self.reason = reason
    }
}
