public import FoundationEssentials

/// A due date the plant calendar moved: from when, and why.
public struct DueMove: Sendable, Equatable {
    /// When the schedule put it.
    public var from: Date
    /// "Sunday is not a working day", "2026-12-25 is a holiday: Christmas", "into the shutdown …", or why no shutdown
    /// could take a job that needs the line down.
    public var reason: String
    /// A job that needs the line down found no shutdown within its tolerance: it stays where the schedule put it.
    public var noShutdownFits: Bool

    public init(from: Date, reason: String, noShutdownFits: Bool = false) {
        self.from = from
        self.reason = reason
        self.noShutdownFits = noShutdownFits
    }
}
