import Glibc

/// Writes to the standard streams without Foundation's FileHandle (maintctl links only FoundationEssentials).
enum Standard {
    static func error(_ text: String) { write(text, to: 2) }

    /// For streamed output: written at once, not held in stdio's buffer.
    static func output(_ text: String) { write(text, to: 1) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
        bytes.removeAll()
    }
}
