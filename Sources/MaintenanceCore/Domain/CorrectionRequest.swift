/// A correction of a completion: what changes, and why. Unset fields keep the corrected record's values.
public struct CorrectionRequest: Sendable, Equatable {
    public var record: Int64
    public var reason: String?
    public var performedAt: String?
    public var result: String?
    /// Replaces every reading when given.
    public var readings: [String: ReadingValue]?
    public var note: String?
    public var withdraw: Bool

    public init(
        record: Int64, reason: String?, performedAt: String? = nil, result: String? = nil,
        readings: [String: ReadingValue]? = nil, note: String? = nil, withdraw: Bool = false
    ) {
        self.record = record
        self.reason = reason
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
        self.withdraw = withdraw
    }
}
