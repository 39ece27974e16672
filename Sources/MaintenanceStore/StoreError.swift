/// Why the history could not be opened, read or written.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(reason: String)
    case readFailed(reason: String)
    case unknownRecord(Int64)
    /// A record was decided against a history that has changed since (a second writer?).
    case outOfSequence(expected: Int64, got: Int64)
    /// The history file was deleted, replaced or truncated under the running daemon.
    case historyLost(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the history database \(path): \(reason)"
        case .writeFailed(let reason): "the record could not be stored: \(reason)"
        case .readFailed(let reason): "the history could not be read: \(reason)"
        case .unknownRecord(let id): "there is no record \(id)"
        case .historyLost(let problem): problem
        case .outOfSequence(let expected, let got):
            "record \(got) does not follow the history (the next id is \(expected)); is another maintd writing to it?"
        }
    }
}
