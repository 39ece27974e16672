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

extension Journal {
    /// Entries of the local journal matching every `FIELD=value` in `matches`, oldest first, with the `fields` asked
    /// for (and `__REALTIME_TIMESTAMP` in microseconds); empty when the journal cannot be opened.
    public static func entries(matching matches: [String], fields: [String]) -> [[String: String]] {
        var journal: OpaquePointer?
        guard sd_journal_open(&journal, Int32(SD_JOURNAL_LOCAL_ONLY)) >= 0, let journal else { return [] }
        defer { sd_journal_close(journal) }
        for match in matches {
            let bytes = Array(match.utf8)
            guard bytes.withUnsafeBytes({ sd_journal_add_match(journal, $0.baseAddress, bytes.count) }) >= 0 else {
                return []
            }
        }
        var result: [[String: String]] = []
        while sd_journal_next(journal) > 0 {
            var entry: [String: String] = [:]
            for field in fields {
                var data: UnsafeRawPointer?
                var length = 0
                guard sd_journal_get_data(journal, field, &data, &length) >= 0, let data else { continue }
                let text = String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
                entry[field] = String(text.dropFirst(field.utf8.count + 1))
            }
            var usec: UInt64 = 0
            if sd_journal_get_realtime_usec(journal, &usec) >= 0 { entry["__REALTIME_TIMESTAMP"] = String(usec) }
            result.append(entry)
        }
        return result
    }
}
