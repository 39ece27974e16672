public import FoundationEssentials
public import MaintenanceCore

/// The plan as a spreadsheet: one row per task, the columns below. Export writes every task of a configuration;
/// import merges rows into a configuration file, matching equipment and tasks by id, so that importing the same
/// sheet again updates instead of duplicating. What a sheet cannot hold (readings, checklists, parts) stays in the
/// JSON and survives an import; an empty cell leaves the value as it was.
public enum PlanSheet {
    /// A column of the template.
    public struct Column: Sendable {
        public var name: String
        /// The JSON key it sets, on the equipment or on the task.
        public var key: String
        public var onEquipment: Bool
        public var help: String
    }

    public static let columns: [Column] = [
        Column(name: "equipment", key: "id", onEquipment: true, help: "equipment id (required)"),
        Column(name: "equipment_name", key: "name", onEquipment: true, help: "equipment name (required for new)"),
        Column(name: "line", key: "line", onEquipment: true, help: "production line id; empty: none"),
        Column(name: "line_name", key: "", onEquipment: true, help: "the line's name, declared if new"),
        Column(name: "location", key: "location", onEquipment: true, help: "where it stands"),
        Column(name: "meters", key: "meters", onEquipment: true, help: "meters as ID:UNIT, space-separated"),
        Column(name: "task", key: "id", onEquipment: false, help: "task id (required)"),
        Column(name: "kind", key: "kind", onEquipment: false, help: "lubrication, calibration, inspection, …"),
        Column(name: "title", key: "title", onEquipment: false, help: "what to do"),
        Column(name: "procedure", key: "procedure", onEquipment: false, help: "SOP reference"),
        Column(name: "every", key: "every", onEquipment: false, help: "interval, e.g. 7d, 3 months, 1 year"),
        Column(name: "anchor", key: "anchor", onEquipment: false, help: "completion (floating) or schedule (fixed)"),
        Column(name: "calendar", key: "calendar", onEquipment: false, help: "OnCalendar= expression"),
        Column(name: "meter", key: "meter", onEquipment: false, help: "meter trigger as METER:EVERY"),
        Column(name: "last_done", key: "lastDone", onEquipment: false, help: "site time or RFC 3339"),
        Column(name: "lead_time", key: "leadTime", onEquipment: false, help: "duration or %"),
        Column(name: "tolerance", key: "tolerance", onEquipment: false, help: "duration or %"),
        Column(name: "deferrable", key: "deferrable", onEquipment: false, help: "yes or no"),
        Column(name: "blocks_operation", key: "blocksOperation", onEquipment: false, help: "yes or no"),
        Column(name: "assignee", key: "assignee", onEquipment: false, help: "user or group"),
        Column(name: "estimated_duration", key: "estimatedDuration", onEquipment: false, help: "e.g. 2h"),
    ]

    /// Every task of a configuration as CSV (RFC 4180, CRLF), defaults written out.
    public static func export(_ configuration: Configuration) -> String {
        var out = columns.map(\.name).joined(separator: ",") + "\r\n"
        for (equipment, task) in configuration.tasks where task.dueOnce == nil {
            let cells: [String: String] = [
                "equipment": equipment.id, "equipment_name": equipment.name, "line": equipment.line,
                "line_name": equipment.line.isEmpty ? "" : configuration.lineName(equipment.line),
                "location": equipment.location,
                "meters": equipment.meters.map { "\($0.id):\($0.unit)" }.joined(separator: " "),
                "task": task.id, "kind": task.kind.rawValue, "title": task.title, "procedure": task.procedure ?? "",
                "every": task.every?.text ?? "", "anchor": task.every == nil ? "" : task.anchor.rawValue,
                "calendar": task.calendar?.normalized ?? "",
                "meter": task.meter.map { "\($0.meter):\($0.every.formatted(maxFractionDigits: 6))" } ?? "",
                "last_done": task.lastDone.map { localText($0, configuration.zone) } ?? "",
                "lead_time": task.leadTime.description, "tolerance": task.tolerance.description,
                "deferrable": task.deferrable ? "yes" : "no", "blocks_operation": task.blocksOperation ? "yes" : "no",
                "assignee": task.assignee ?? "", "estimated_duration": task.estimatedDuration?.text ?? "",
            ]
            out += columns.map { CSVTable.field(cells[$0.name] ?? "") }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// "2026-11-01T06:00" (seconds when they are not zero) in site time, as the configuration reads it back.
    static func localText(_ date: Date, _ zone: TimeZoneRules) -> String {
        let t = zone.localTime(at: date.secondsSinceEpoch)
        func pad(_ value: Int, _ width: Int = 2) -> String { Timestamp.pad(value, width) }
        let seconds = t.second == 0 ? "" : ":" + pad(t.second)
        return "\(pad(t.year, 4))-\(pad(t.month0 + 1))-\(pad(t.day))T\(pad(t.hour)):\(pad(t.minute))\(seconds)"
    }
}
