public import FoundationEssentials
public import MaintenanceCore

/// `maintctl forecast`: what becomes due in a window, as a table or JSON.
public struct ForecastReport {
    /// One row of the JSON output.
    public struct Row: Encodable, Sendable {
        public var equipment: String
        public var task: String
        public var equipmentName: String
        public var line: String
        public var kind: String
        public var title: String
        public var trigger: String
        public var dueAt: String?
        public var stateAtStart: String
        /// Where the schedule put it, when the plant calendar moved it, and why.
        public var dueMovedFrom: String?
        public var dueMoveReason: String?
        /// The task's estimated hours of work, if it has an estimate.
        public var estimatedHours: Double?
        public var downtime: Bool
    }

    /// Hours of work one line has on one day (site time).
    public struct DaySum: Encodable, Sendable, Equatable {
        public var day: String
        public var line: String
        public var tasks: Int
        public var hours: Double
        /// Tasks without an estimate (not in the hours).
        public var withoutEstimate: Int
        public var downtimeTasks: Int
    }

    public private(set) var rows: [Row] = []
    private let configuration: Configuration
    private let from: Date

    public init(configuration: Configuration, from: Date, days: Int) {
        self.configuration = configuration
        self.from = from
        let until = MaintenanceInterval(days: days).advance(from, in: configuration.zone)
        let (entries, meterTasks) = Forecast.occurrences(configuration, from: from, until: until)
        for entry in entries {
            var row = row(entry.task, dueAt: entry.dueAt, state: entry.stateAtStart, trigger: entry.trigger)
            row.dueMovedFrom = entry.move.map { Timestamp.rfc3339($0.from) }
            row.dueMoveReason = entry.move?.reason
            rows.append(row)
        }
        for key in meterTasks {
            rows.append(row(key, dueAt: nil, state: .scheduled, trigger: .meter))
        }
    }

    private func row(_ key: TaskKey, dueAt: Date?, state: DueState, trigger: TriggerKind) -> Row {
        let equipment = configuration.equipment(key.equipment)!
        let task = equipment.task(key.task)!
        return Row(
            equipment: key.equipment, task: key.task, equipmentName: equipment.name, line: equipment.line,
            kind: task.kind.rawValue, title: task.title, trigger: trigger.rawValue,
            dueAt: dueAt.map(Timestamp.rfc3339), stateAtStart: state.rawValue, dueMovedFrom: nil, dueMoveReason: nil,
            estimatedHours: task.estimatedDuration.map { $0.approximateSeconds / 3_600 }, downtime: task.downtime)
    }

    /// An aligned table in the site's time zone, cut to `width`.
    public func text(width: Int? = nil) -> String {
        var table = TextTable(
            headers: ["DUE", "WHEN", "STATE", "LINE", "EQUIPMENT", "TASK", "KIND", "TITLE", "MOVED"], maxWidth: width,
            droppable: ["KIND", "WHEN", "LINE"])
        for row in rows {
            let due = row.dueAt.flatMap(Timestamp.parseRFC3339)
            table.add([
                due.map { Timestamp.wallClock($0, in: configuration.zone) } ?? "meter",
                due.map { RelativeTime.short(from: from, to: $0) } ?? "needs readings",
                row.stateAtStart == "scheduled" ? "" : row.stateAtStart, row.line, row.equipment, row.task, row.kind,
                row.title, moved(row),
            ])
        }
        let scheduled = rows.filter { $0.dueAt != nil }.count
        return table.render() + "\n\n\(scheduled) occurrences; times in \(configuration.timezone)"
    }

    /// "from Sun 2026-12-27 06:00: Sunday is not a working day".
    private func moved(_ row: Row) -> String {
        guard let from = row.dueMovedFrom.flatMap(Timestamp.parseRFC3339), let reason = row.dueMoveReason else {
            return ""
        }
        return "from \(Timestamp.wallClock(from, in: configuration.zone)): \(reason)"
    }

    /// The hours of work per day and line, in day order.
    public var perDay: [DaySum] {
        var sums: [String: DaySum] = [:]
        for row in rows {
            guard let due = row.dueAt.flatMap(Timestamp.parseRFC3339) else { continue }
            let day = String(Timestamp.wallClock(due, in: configuration.zone).prefix(10))
            let line = row.line.isEmpty ? "-" : row.line
            var sum =
                sums[day + " " + line]
                ?? DaySum(day: day, line: line, tasks: 0, hours: 0, withoutEstimate: 0, downtimeTasks: 0)
            sum.tasks += 1
            if let hours = row.estimatedHours { sum.hours += hours } else { sum.withoutEstimate += 1 }
            if row.downtime { sum.downtimeTasks += 1 }
            sums[day + " " + line] = sum
        }
        return sums.values.sorted { ($0.day, $0.line) < ($1.day, $1.line) }
    }

    /// The hours of work per day and line as a table.
    public func perDayText() -> String {
        var table = TextTable(headers: ["DAY", "LINE", "TASKS", "HOURS", "WITHOUT ESTIMATE", "MACHINE STOPS"])
        for sum in perDay {
            table.add([
                sum.day, sum.line, String(sum.tasks), sum.hours.formatted(maxFractionDigits: 2),
                sum.withoutEstimate == 0 ? "" : String(sum.withoutEstimate),
                sum.downtimeTasks == 0 ? "" : String(sum.downtimeTasks),
            ])
        }
        return table.render()
    }

    /// `{"days": [...]}`: hours of work per day and line.
    public func perDayJSON() -> String { JSONOutput.text(["days": perDay]) }

    /// `{"occurrences": [...]}`, with the names the socket uses for the same things (`equipmentName`, `dueAt`).
    public func json() -> String { JSONOutput.text(["occurrences": rows]) }
}
