import Foundation
import MaintenanceCore
import Systemd

/// Writes maintenance events as native journal entries: a fixed MESSAGE_ID per kind, a readable MESSAGE, PRIORITY
/// by severity and `MAINT_*` fields a lead can filter on (`journalctl -p warning MAINT_LINE=line-b`).
struct EventJournal: Sendable {
    /// Sends events, in order: every one is written however many there are (a large plant's first start announces
    /// tens of thousands), each put together only when its turn comes. `file`, `line` and `function` name the code
    /// that decided them.
    func record(
        _ events: [MaintenanceEvent], configuration: Configuration?, file: String = #fileID, line: Int = #line,
        function: String = #function
    ) {
        LogSink.shared.write(count: events.count) { index in
            Self.entry(events[index], configuration: configuration, file: file, line: line, function: function)
        }
    }

    private static func entry(
        _ event: MaintenanceEvent, configuration: Configuration?, file: String, line: Int, function: String
    ) -> (priority: Int, message: String, fields: [(name: String, value: String)]) {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE_ID", event.kind.messageID), ("CODE_FILE", file), ("CODE_LINE", String(line)),
            ("CODE_FUNC", function), ("MAINT_EVENT", event.kind.rawValue),
        ]
        if let key = event.task {
            fields.append(("MAINT_EQUIPMENT", key.equipment))
            fields.append(("MAINT_TASK", key.task))
            if let equipment = configuration?.equipment(key.equipment) {
                if equipment.line != Equipment.noLine { fields.append(("MAINT_LINE", equipment.line)) }
                fields.append(("MAINT_EQUIPMENT_NAME", equipment.name))
                if let task = equipment.task(key.task) {
                    fields.append(("MAINT_KIND", task.kind.rawValue))
                    fields.append(("MAINT_TITLE", task.title))
                    if let procedure = task.procedure { fields.append(("MAINT_PROCEDURE", procedure)) }
                }
            }
        }
        if let state = event.state { fields.append(("MAINT_STATE", state.rawValue)) }
        if let due = event.dueAt { fields.append(("MAINT_DUE", Timestamp.rfc3339(due))) }
        if let occurrence = event.occurrence { fields.append(("MAINT_OCCURRENCE", occurrence.description)) }
        if event.catchUp { fields.append(("MAINT_CATCHUP", "1")) }
        for pair in event.details where pair.key != "line" {
            fields.append(("MAINT_" + Journal.fieldName(pair.key), pair.value))
        }
        return (event.kind.priority, event.message, fields)
    }
}
