import Foundation
public import Logging
import Systemd

/// swift-log backend for maintd's own logging: journald with metadata as fields (names made valid), or stderr.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        var fields: [(name: String, value: String)] = [
            ("CODE_FILE", event.file), ("CODE_LINE", String(event.line)), ("CODE_FUNC", event.function),
            ("MAINT_LOGGER", label),
        ]
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            fields.append(("MAINT_" + Journal.fieldName(key), "\(value)"))
        }
        let suffix =
            all.isEmpty
            ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        LogSink.shared.write(priority: Self.priority(event.level), message: "\(event.message)\(suffix)", fields: fields)
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
