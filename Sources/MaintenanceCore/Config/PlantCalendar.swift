public import FoundationEssentials

/// The plant's working time: which weekdays are worked, holidays, and shutdowns (the line is down, for the big jobs).
/// Site-wide, and per line where a line overrides a part of it.
public struct PlantCalendar: Sendable, Equatable {
    /// A planned stop of the line, whole days from `from` to `to` (both included, site time).
    public struct Shutdown: Sendable, Equatable {
        /// Day numbers (days since 1970-01-01), both included.
        public var from: Int64
        public var to: Int64
        public var reason: String

        public init(from: Int64, to: Int64, reason: String) {
            self.from = from
            self.to = to
            self.reason = reason
        }
    }

    /// Worked weekdays, 0 = Sunday (as in `struct tm`).
    public var workingDays: Set<Int>
    /// Holidays by day number, with their names (or "holiday").
    public var holidays: [Int64: String]
    public var shutdowns: [Shutdown]

    /// Every day worked, no holiday, no shutdown: what a plant without a calendar has.
    public static let everyDay = PlantCalendar(workingDays: Set(0...6), holidays: [:], shutdowns: [])

    public init(workingDays: Set<Int>, holidays: [Int64: String], shutdowns: [Shutdown]) {
        self.workingDays = workingDays
        self.holidays = holidays
        self.shutdowns = shutdowns.sorted { $0.from < $1.from }
    }

    /// Every weekday worked and no holiday: no due date ever moves.
    public var worksEveryDay: Bool { workingDays.count == 7 && holidays.isEmpty }

    static let weekdayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    /// Why a day is not worked ("Sunday is not a working day", "2026-12-25 is a holiday: Christmas"), or nil.
    public func nonWorkingReason(day: Int64) -> String? {
        if let name = holidays[day] {
            return "\(Gregorian.dayText(day)) is a holiday" + (name.isEmpty ? "" : ": \(name)")
        }
        let weekday = Gregorian.weekday(days: day)
        if !workingDays.contains(weekday) { return "\(Self.weekdayNames[weekday]) is not a working day" }
        return nil
    }

    /// Reads a weekday list such as "Mon..Fri", "Mon..Sat" or "Mon,Wed,Fri" (English names or their first three
    /// letters); nil with what is wrong.
    public static func weekdays(_ text: String) -> Result<Set<Int>, WeekdayError> {
        func number(_ word: Substring) -> Int? {
            let lower = word.lowercased()
            guard lower.count >= 3 else { return nil }
            return weekdayNames.firstIndex {
                $0.lowercased().hasPrefix(lower) && (lower.count == 3 || $0.lowercased() == lower)
            }
        }
        var days = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: ".", omittingEmptySubsequences: true)
            let trimmed = part.filter { $0 != " " }
            if trimmed.contains("..") {
                guard bounds.count == 2, let first = number(Substring(bounds[0].filter { $0 != " " })),
                    let last = number(Substring(bounds[1].filter { $0 != " " }))
                else { return .failure(WeekdayError(text: String(part))) }
                // Monday-first, as people write ranges: Mon..Sun, Sat..Sun; Sun..Sat would be every day anyway.
                let (a, b) = ((first + 6) % 7, (last + 6) % 7)
                guard a <= b else { return .failure(WeekdayError(text: String(part), backwards: true)) }
                for index in a...b { days.insert((index + 1) % 7) }
            } else {
                guard let day = number(Substring(trimmed)) else { return .failure(WeekdayError(text: String(part))) }
                days.insert(day)
            }
        }
        return days.isEmpty ? .failure(WeekdayError(text: text)) : .success(days)
    }

    /// A weekday list that could not be read.
    public struct WeekdayError: Error, Sendable, Equatable, CustomStringConvertible {
        public var text: String
        public var backwards = false
        public var description: String {
            backwards
                ? "\"\(text)\" runs backwards; write ranges from Monday towards Sunday (Mon..Fri, Sat..Sun)"
                : "\"\(text)\" is not a weekday list; write Mon..Fri, Mon..Sat or Mon,Wed,Fri"
        }
    }
}
