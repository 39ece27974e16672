import CSystemd
import Foundation

/// Native journal entries through libsystemd's `sd_journal_sendv`.
public enum Journal {
    /// Sends one entry; returns false when no journal is reachable (the caller then falls back to stderr).
    /// Field names must be `A-Z0-9_` and not start with `_` (journald drops others); invalid ones are skipped here.
    @discardableResult
    public static func send(_ fields: [(name: String, value: String)]) -> Bool {
        let entries = fields.filter { isValidFieldName($0.name) }.map { Array("\($0.name)=\($0.value)".utf8) }
        let buffers = entries.map { bytes -> UnsafeMutableRawBufferPointer in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
            buffer.copyBytes(from: bytes)
            return buffer
        }
        defer { buffers.forEach { $0.deallocate() } }
        var vectors = zip(buffers, entries).map { buffer, bytes in
            iovec(iov_base: buffer.baseAddress, iov_len: bytes.count)
        }
        return sd_journal_sendv(&vectors, Int32(vectors.count)) >= 0
    }

    /// Whether journald accepts a field with this name: 1–64 of `A-Z0-9_`, not starting with `_` or a digit.
    public static func isValidFieldName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 64, let first = name.utf8.first, first != UInt8(ascii: "_"),
            !(48...57).contains(first)
        else { return false }
        return name.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
    }

    /// A journal field name made from any key ("equipment.id" → "EQUIPMENT_ID").
    public static func fieldName(_ key: String) -> String {
        var name = String(
            key.uppercased().unicodeScalars.map { scalar -> Character in
                let c = Character(scalar)
                return (c.isASCII && (c.isLetter || c.isNumber)) ? c : "_"
            })
        while name.hasPrefix("_") { name.removeFirst() }
        if let first = name.first, first.isNumber { name = "F" + name }
        if name.isEmpty { name = "FIELD" }
        return String(name.prefix(64))
    }

    /// Whether the journal socket exists (a cheap check before deciding where logs go).
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: "/run/systemd/journal/socket")
    }
}
