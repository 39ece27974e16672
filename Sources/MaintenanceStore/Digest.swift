import Crypto

/// SHA-256 and HMAC-SHA256 (swift-crypto) as lowercase hexadecimal.
package enum Digest {
    /// The HMAC-SHA256 under `key` (the SHA-256 without one) of `fields` joined by NUL bytes, fed field by field: a
    /// first start's revision is 11 MB of configuration text, which joining and then copying took twice over.
    static func digest(ofFieldsJoinedByNUL fields: [String], key: SymmetricKey?) -> String {
        digest(of: fields, key: key) { field, update in
            var field = field
            field.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        }
    }

    /// The SHA-256 of `parts` joined by NUL bytes, fed part by part: a configuration's files (11 MB at 100,000
    /// tasks) are hashed as read rather than copied into one buffer first.
    package static func sha256(ofPartsJoinedByNUL parts: [[UInt8]]) -> String {
        digest(of: parts, key: nil) { part, update in part.withUnsafeBytes(update) }
    }

    /// `parts` joined by NUL bytes, each part's bytes handed to the hash by `bytes`.
    private static func digest<Part>(
        of parts: [Part], key: SymmetricKey?,
        bytes: (Part, _ update: (UnsafeRawBufferPointer) -> Void) -> Void
    ) -> String {
        func feed(_ update: (UnsafeRawBufferPointer) -> Void) {
            for (index, part) in parts.enumerated() {
                if index > 0 { withUnsafeBytes(of: UInt8(0)) { update($0) } }
                // `update` is only called, never kept, and `bytes` does not call back into this loop.
                withoutActuallyEscaping(update) { bytes(part, $0) }
            }
        }
        if let key {
            var code = HMAC<SHA256>(key: key)
            feed { code.update(data: $0) }
            return hex(code.finalize())
        }
        var hash = SHA256()
        feed { hash.update(bufferPointer: $0) }
        return hex(hash.finalize())
    }

    static func hex<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
