/// Counts from a TZif header.
struct TZifCounts {
    var utIndicators = 0, standardIndicators = 0, leaps = 0, transitions = 0, types = 0, characters = 0

    func dataLength(timeSize: Int) -> Int {
        transitions * timeSize + transitions + types * 6 + characters + leaps * (timeSize + 4) + standardIndicators
            + utIndicators
    }
}

/// A cursor over the bytes of a TZif file.
struct TZifReader {
    let bytes: [UInt8]
    let name: String
    var position = 0

    init(bytes: [UInt8], name: String) {
        self.bytes = bytes
        self.name = name
    }

    mutating func header() throws(TimeZoneRulesError) -> (version: Int, counts: TZifCounts) {
        guard bytes.count >= position + 44, bytes[position..<position + 4].elementsEqual("TZif".utf8) else {
            throw .notTZif(name)
        }
        let versionByte = bytes[position + 4]
        let version = versionByte == 0 ? 1 : Int(versionByte) - 0x30
        position += 20
        var counts = TZifCounts()
        counts.utIndicators = Int(try int32())
        counts.standardIndicators = Int(try int32())
        counts.leaps = Int(try int32())
        counts.transitions = Int(try int32())
        counts.types = Int(try int32())
        counts.characters = Int(try int32())
        return (version, counts)
    }

    mutating func skip(_ count: Int) throws(TimeZoneRulesError) {
        guard count >= 0, position + count <= bytes.count else { throw .truncated(name) }
        position += count
    }

    mutating func byte() throws(TimeZoneRulesError) -> UInt8 {
        guard position < bytes.count else { throw .truncated(name) }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func bytes(_ count: Int) throws(TimeZoneRulesError) -> ArraySlice<UInt8> {
        guard count >= 0, position + count <= bytes.count else { throw .truncated(name) }
        defer { position += count }
        return bytes[position..<position + count]
    }

    mutating func int32() throws(TimeZoneRulesError) -> Int32 {
        var value: UInt32 = 0
        for byte in try bytes(4) { value = value << 8 | UInt32(byte) }
        return Int32(bitPattern: value)
    }

    mutating func int64() throws(TimeZoneRulesError) -> Int64 {
        var value: UInt64 = 0
        for byte in try bytes(8) { value = value << 8 | UInt64(byte) }
        return Int64(bitPattern: value)
    }

    /// The POSIX TZ string between the newlines that end a version 2+ file.
    func footer() -> String? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\n") else { return nil }
        let rest = bytes[(position + 1)...]
        guard let end = rest.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return String(decoding: rest[rest.startIndex..<end], as: UTF8.self)
    }
}
