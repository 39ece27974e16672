/// Reads the pieces of a POSIX `TZ` string.
struct PosixTZScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var peek: UInt8? { atEnd ? nil : bytes[index] }

    mutating func consume(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue, peek == ascii else { return false }
        index += 1
        return true
    }

    /// An abbreviation: three or more letters, or anything between `<` and `>`.
    mutating func name() -> String? {
        if consume("<") {
            let start = index
            while let c = peek, c != UInt8(ascii: ">") { index += 1 }
            let name = String(decoding: bytes[start..<index], as: UTF8.self)
            guard consume(">"), name.count >= 3 else { return nil }
            return name
        }
        let start = index
        while let c = peek, (c >= 65 && c <= 90) || (c >= 97 && c <= 122) { index += 1 }
        guard index - start >= 3 else { return nil }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// `[+|-]hh[:mm[:ss]]` in seconds, west of UTC positive as POSIX writes it.
    mutating func offset() -> Int? {
        var sign = 1
        if consume("-") { sign = -1 } else { _ = consume("+") }
        guard let seconds = clock(maxHours: 167) else { return nil }
        return sign * seconds
    }

    /// `hh[:mm[:ss]]` in seconds.
    private mutating func clock(maxHours: Int) -> Int? {
        guard let hours = number(), hours <= maxHours else { return nil }
        var seconds = hours * 3_600
        if consume(":") {
            guard let minutes = number(), minutes < 60 else { return nil }
            seconds += minutes * 60
            if consume(":") {
                guard let secs = number(), secs < 60 else { return nil }
                seconds += secs
            }
        }
        return seconds
    }

    private mutating func number() -> Int? {
        let start = index
        var value = 0
        while let c = peek, c >= 48 && c <= 57, index - start < 4 {
            value = value * 10 + Int(c - 48)
            index += 1
        }
        return index > start ? value : nil
    }

    /// A date rule with an optional `/time` (default 02:00), which may be negative or beyond 24 h (RFC 8536).
    mutating func change() -> PosixTimeZoneRule.Change? {
        let date: PosixTimeZoneRule.DateRule
        if consume("M") {
            guard let m = number(), (1...12).contains(m), consume("."), let w = number(), (1...5).contains(w),
                consume("."), let d = number(), (0...6).contains(d)
            else { return nil }
            date = .monthWeekDay(month: m, week: w, weekday: d)
        } else if consume("J") {
            guard let n = number(), (1...365).contains(n) else { return nil }
            date = .julianNoLeap(n)
        } else {
            guard let n = number(), (0...365).contains(n) else { return nil }
            date = .zeroBased(n)
        }
        var time = 7_200
        if consume("/") {
            var sign = 1
            if consume("-") { sign = -1 } else { _ = consume("+") }
            guard let seconds = clock(maxHours: 167) else { return nil }
            time = sign * seconds
        }
        return PosixTimeZoneRule.Change(date: date, time: time)
    }
}
