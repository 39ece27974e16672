public import Foundation

/// A task done: what a technician records.
public struct CompletionRecord: Sendable, Equatable, Codable {
    public var performedAt: Date
    /// "pass" or "fail".
    public var result: String
    /// Values by reading id.
    public var readings: [String: Double]
    public var note: String?
    /// Reading ids whose values were outside the task's limits when recorded.
    public var outOfTolerance: [String]

    public init(performedAt: Date, result: String, readings: [String: Double], note: String?, outOfTolerance: [String])
    {
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
        self.outOfTolerance = outOfTolerance
    }

    public var passed: Bool { result == "pass" }
}

/// A correction of an earlier record: a replacement, or a withdrawal when `replacement` is nil.
public struct CorrectionRecord: Sendable, Equatable, Codable {
    public var reason: String
    public var replacement: CompletionRecord?

    public init(reason: String, replacement: CompletionRecord?) {
        self.reason = reason
        self.replacement = replacement
    }
}

/// A meter value.
public struct MeterReadingRecord: Sendable, Equatable, Codable {
    public var meter: String
    public var value: Double
    public var at: Date

    public init(meter: String, value: Double, at: Date) {
        self.meter = meter
        self.value = value
        self.at = at
    }
}

/// An occurrence postponed by a lead.
public struct DeferralRecord: Sendable, Equatable, Codable {
    public var occurrence: String
    public var until: Date
    public var reason: String

    public init(occurrence: String, until: Date, reason: String) {
        self.occurrence = occurrence
        self.until = until
        self.reason = reason
    }
}

/// An occurrence skipped by a lead.
public struct SkipRecord: Sendable, Equatable, Codable {
    public var occurrence: String
    public var dueAt: Date
    public var dueValue: Double?
    public var reason: String

    public init(occurrence: String, dueAt: Date, dueValue: Double?, reason: String) {
        self.occurrence = occurrence
        self.dueAt = dueAt
        self.dueValue = dueValue
        self.reason = reason
    }
}

/// A configuration loaded by maintd.
public struct ConfigRevisionRecord: Sendable, Equatable, Codable {
    /// SHA-256 of the files' contents, in load order.
    public var contentHash: String
    public var files: [String]
    /// What changed ("added TW-05/calibration; removed …").
    public var summary: String

    public init(contentHash: String, files: [String], summary: String) {
        self.contentHash = contentHash
        self.files = files
        self.summary = summary
    }
}

/// An announcement made (the notification ledger).
public struct NotificationRecord: Sendable, Equatable, Codable {
    public var event: String
    /// The announcement key (occurrence and deferral) the state refers to.
    public var occurrence: String
    public var state: String
    public var message: String

    public init(event: String, occurrence: String, state: String, message: String) {
        self.event = event
        self.occurrence = occurrence
        self.state = state
        self.message = message
    }
}

/// The first time maintd saw a task in a configuration.
public struct FirstSeenRecord: Sendable, Equatable, Codable {
    public var at: Date

    public init(at: Date) {
        self.at = at
    }
}
