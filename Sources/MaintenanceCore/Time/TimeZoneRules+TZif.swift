extension TimeZoneRules {
    /// Reads a compiled zoneinfo file (RFC 8536, versions 1 to 4).
    public init(identifier: String, tzif bytes: [UInt8]) throws(TimeZoneRulesError) {
        var reader = TZifReader(bytes: bytes, name: identifier)
        let v1 = try reader.header()
        var counts = v1.counts
        var timeSize = 4
        if v1.version >= 2 {
            try reader.skip(v1.counts.dataLength(timeSize: 4))
            counts = try reader.header().counts
            timeSize = 8
        }
        var transitions: [Int64] = []
        transitions.reserveCapacity(counts.transitions)
        for _ in 0..<counts.transitions {
            transitions.append(timeSize == 8 ? try reader.int64() : Int64(try reader.int32()))
        }
        var transitionTypes: [Int] = []
        for _ in 0..<counts.transitions {
            let index = Int(try reader.byte())
            guard index < counts.types else { throw .truncated(identifier) }
            transitionTypes.append(index)
        }
        var rawTypes: [(offset: Int, isDST: Bool, nameIndex: Int)] = []
        for _ in 0..<counts.types {
            let offset = Int(try reader.int32())
            let isDST = try reader.byte() != 0
            rawTypes.append((offset, isDST, Int(try reader.byte())))
        }
        let names = try reader.bytes(counts.characters)
        let types = rawTypes.map { raw in
            let tail = names.dropFirst(min(raw.nameIndex, names.count))
            let name = String(decoding: tail.prefix(while: { $0 != 0 }), as: UTF8.self)
            return LocalTimeType(offset: raw.offset, isDST: raw.isDST, abbreviation: name)
        }
        guard !types.isEmpty else { throw .truncated(identifier) }
        try reader.skip(counts.leaps * (timeSize + 4) + counts.standardIndicators + counts.utIndicators)
        var footer: PosixTimeZoneRule?
        if v1.version >= 2, let text = reader.footer() {
            if !text.isEmpty {
                guard let rule = PosixTimeZoneRule(text) else { throw .badFooter(identifier) }
                footer = rule
            }
        }
        self.init(
            identifier: identifier, transitions: transitions, transitionTypes: transitionTypes, types: types,
            footer: footer)
    }
}
