/// Reads fixed-width digits and separators of date and time texts.
struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index >= bytes.count }

    mutating func consume(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if consume("+") { return 1 }
        if consume("-") { return -1 }
        return nil
    }

    mutating func fixed(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard byte >= 48 && byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += width
        return value
    }

    mutating func digits(max: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            if count < max { value = value * 10 + Int(bytes[index] - 48) }
            count += 1
            index += 1
        }
        return (value, min(count, max))
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS]]` as days since the epoch and seconds into the day, with fields range-checked.
    mutating func dateAndTime(timeOptional: Bool = false) -> (days: Int64, seconds: Int)? {
        guard let year = fixed(4), consume("-"), let month = fixed(2), consume("-"), let day = fixed(2),
            (1...12).contains(month), day >= 1, day <= Gregorian.daysInMonth(year: year, month: month)
        else { return nil }
        let days = Gregorian.days(year: year, month: month, day: day)
        guard consume("T") || consume("t") || consume(" ") else {
            return timeOptional && atEnd ? (days, 0) : nil
        }
        guard let hour = fixed(2), consume(":"), let minute = fixed(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if consume(":") {
            guard let s = fixed(2), s < 60 else { return nil }
            second = s
        }
        return (days, hour * 3_600 + minute * 60 + second)
    }
}
