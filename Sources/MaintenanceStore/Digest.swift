import Crypto

/// SHA-256 and HMAC-SHA256 (swift-crypto) as lowercase hexadecimal.
package enum Digest {
    /// The SHA-256 of `bytes`.
    package static func sha256<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The HMAC-SHA256 of `bytes` under `key`.
    static func hmac<Bytes: Sequence<UInt8>>(_ bytes: Bytes, key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Array(bytes), using: key))
    }

    /// The HMAC-SHA256 under `key` (the SHA-256 without one) of `fields` joined by NUL bytes, fed field by field: a
    /// first start's revision is 11 MB of configuration text, which joining and then copying took twice over.
    static func digest(ofFieldsJoinedByNUL fields: [String], key: SymmetricKey?) -> String {
        if let key {
            var code = HMAC<SHA256>(key: key)
            feed(fields, to: { code.update(data: $0) })
            return hex(code.finalize())
        }
        var hash = SHA256()
        feed(fields, to: { hash.update(bufferPointer: $0) })
        return hex(hash.finalize())
    }

    private static func feed(_ fields: [String], to update: (UnsafeRawBufferPointer) -> Void) {
        for (index, field) in fields.enumerated() {
            if index > 0 { withUnsafeBytes(of: UInt8(0)) { update($0) } }
            var field = field
            field.withUTF8 { update(UnsafeRawBufferPointer($0)) }
        }
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
