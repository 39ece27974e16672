public import FoundationEssentials

/// What an announcement is remembered under: the occurrence, and the deferral end it is under, so that a task is
/// announced due again when a deferral runs out.
public struct AnnouncementKey: Sendable, Hashable, CustomStringConvertible {
    public var occurrence: Occurrence
    public var deferredUntil: Date?

    public init(occurrence: Occurrence, deferredUntil: Date? = nil) {
        self.occurrence = occurrence
        self.deferredUntil = deferredUntil
    }

    /// `2026-11-20T05:00:00Z deferred until 2026-11-22T05:00:00Z`, the ledger's text form.
    public var description: String {
        deferredUntil.map { "\(occurrence) deferred until \(Timestamp.rfc3339($0))" } ?? occurrence.description
    }

    /// Reads the ledger's text form.
    public init?(_ text: String) {
        // Without a space there is no deferral to split off (most of a large plant's ledger, read at every start).
        let parts = text.utf8.contains(UInt8(ascii: " ")) ? text.components(separatedBy: " deferred until ") : [text]
        guard let occurrence = Occurrence(parts[0]) else { return nil }
        self.occurrence = occurrence
        if parts.count == 2 {
            guard let until = Timestamp.parseRFC3339(parts[1]) else { return nil }
            deferredUntil = until
        } else {
            guard parts.count == 1 else { return nil }
        }
    }
}
