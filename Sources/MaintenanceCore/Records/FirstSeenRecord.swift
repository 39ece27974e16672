public import FoundationEssentials

/// The first time maintd saw a task in a configuration.
public struct FirstSeenRecord: Sendable, Equatable, Codable {
    public var at: Date

    public init(at: Date) {
        self.at = at
    }
}
