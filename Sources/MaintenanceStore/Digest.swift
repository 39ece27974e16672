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
