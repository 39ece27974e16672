import Crypto
public import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The secret the history's chain is keyed with (HMAC-SHA256), kept outside the database in a file only the service
/// user can read: write access to the database alone cannot produce a valid chain. Records written before the key
/// existed (by the first release) keep their plain SHA-256 links; the key file says from which record on the chain
/// is keyed, so no one can pass keyed records off as plain ones.
public struct HistoryKey: Sendable {
    /// The secret itself (SymmetricKey is made from it where used: it is not Sendable).
    let secret: [UInt8]
    var key: SymmetricKey { SymmetricKey(data: secret) }
    /// Records from this id on are keyed.
    public let keyedFrom: Int64
    public let path: String

    static let header = "maintd history key 1"

    /// Reads the key file; nil when there is none.
    public static func load(at path: String) throws(StoreError) -> HistoryKey? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .cannotOpen(path: path, reason: "the history key cannot be read (it must be readable by maintd)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        guard lines.count == 3, lines[0] == header, lines[1].hasPrefix("keyed-from "),
            let from = Int64(lines[1].dropFirst("keyed-from ".count)), from >= 1, let bytes = bytes(hex: lines[2]),
            bytes.count == 32
        else {
            throw .cannotOpen(path: path, reason: "not a maintd history key (damaged?); restore it from a backup")
        }
        return HistoryKey(secret: bytes, keyedFrom: from, path: path)
    }

    /// Reads the key file, or creates it (mode 0600, never overwritten) keying records from `nextRecordId` on.
    public static func loadOrCreate(at path: String, nextRecordId: Int64) throws(StoreError) -> HistoryKey {
        if let key = try load(at: path) { return key }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        let text = "\(header)\nkeyed-from \(nextRecordId)\n\(Digest.hex(secret))\n"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw .cannotOpen(path: path, reason: "cannot create the history key: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0 else {
            throw .cannotOpen(path: path, reason: "cannot write the history key: \(String(cString: strerror(errno)))")
        }
        return HistoryKey(secret: secret, keyedFrom: nextRecordId, path: path)
    }

    /// A key in memory (tests).
    public static func random(keyedFrom: Int64 = 1) -> HistoryKey {
        HistoryKey(
            secret: SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }, keyedFrom: keyedFrom, path: ":memory:")
    }

    private static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            out.append(byte)
        }
        return out
    }
}
