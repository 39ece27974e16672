public import FoundationEssentials
public import MaintenanceCore
import MaintenanceProtocol

/// Merges a plan sheet into a configuration file's JSON: each row's equipment and task found by id and updated (only
/// the cells that are filled), or added. Every row is checked with the configuration loader itself, so the sheet is
/// held to the daemon's rules, and every problem is reported at once with its row and column.
public struct PlanImport: Sendable {
    /// A problem with the sheet: its line in the file (the header is line 1), the column, and what is wrong.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var row: Int
        /// The column's name and letter ("every", "K"), when the problem is in one cell.
        public var column: String?
        public var letter: String?
        public var message: String

        public var description: String {
            let place = column.map { name in letter.map { " column \($0) (\(name))" } ?? " (\(name))" } ?? ""
            return "row \(row)\(place): \(message)"
        }
    }

    /// The new text of the configuration file.
    public var text: String
    public var added = 0
    public var updated = 0
    /// Rows that matched a task and changed nothing.
    public var unchanged = 0
    public var problems: [Problem] = []

    /// Merges `csv` into `existing` (the file's current text, or nil for a new file). `knownLines` are the lines
    /// the rest of the configuration declares: a new line is declared in this file, named from `line_name`.
    public init(
        csv: String, into existing: String?, knownLines: Set<String>, zones: any TimeZoneResolver, now: Date
    ) {
        text = existing ?? ""
        var document: JSONNode
        if let existing {
            do {
                document = try JSONParser.parse(Array(existing.utf8))
            } catch {
                problems.append(Problem(row: 0, message: "the configuration file is not valid JSON: \(error)"))
                return
            }
            guard case .object = document.value else {
                problems.append(Problem(row: 0, message: "the configuration file is not a JSON object"))
                return
            }
        } else {
            document = JSONNode(.object([]), at: Self.here)
        }
        let table: CSVTable
        do {
            table = try CSVTable(parsing: csv)
        } catch {
            problems.append(Problem(row: error.line, message: error.message))
            return
        }
        guard let header = table.records.first else {
            problems.append(Problem(row: 1, message: "the sheet is empty: it needs a header row"))
            return
        }
        // Header names as people type them: "Equipment Name", "equipment-name" and "equipment_name" are one.
        var positions: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingSpaces().lowercased().map { $0 == " " || $0 == "-" ? "_" : $0 }
            let key = String(name)
            guard !key.isEmpty else { continue }
            if PlanSheet.columns.contains(where: { $0.name == key }), positions[key] == nil {
                positions[key] = index
            } else {
                problems.append(
                    Problem(
                        row: header.line, column: raw, letter: CSVTable.columnLetter(index),
                        message: positions[key] != nil
                            ? "column \"\(key)\" appears twice"
                            : "unknown column \"\(raw)\"; the template has: "
                                + PlanSheet.columns.map(\.name).joined(separator: ", ")))
            }
        }
        for required in ["equipment", "task"] where positions[required] == nil {
            problems.append(Problem(row: header.line, message: "the header has no \"\(required)\" column"))
        }
        guard problems.isEmpty else { return }

        var seen: [String: Int] = [:]
        var declaredLines = Self.lines(in: document)
        for record in table.records.dropFirst() {
            var rowProblems: [Problem] = []
            func cell(_ name: String) -> String {
                guard let index = positions[name], index < record.fields.count else { return "" }
                var value = record.fields[index].trimmingSpaces()
                // The apostrophe export puts before what a spreadsheet would run as a formula.
                if value.hasPrefix("'"), let next = value.dropFirst().unicodeScalars.first,
                    "=+-@".unicodeScalars.contains(next)
                {
                    value.removeFirst()
                }
                return value
            }
            func problem(_ name: String?, _ message: String) {
                rowProblems.append(
                    Problem(
                        row: record.line, column: name,
                        letter: name.flatMap { positions[$0] }.map(CSVTable.columnLetter),
                        message: message))
            }
            if record.fields.count > header.fields.count {
                problem(nil, "\(record.fields.count) fields, but the header has \(header.fields.count)")
            }
            let equipmentId = cell("equipment")
            let taskId = cell("task")
            if equipmentId.isEmpty { problem("equipment", "no equipment id") }
            if taskId.isEmpty { problem("task", "no task id") }
            guard !equipmentId.isEmpty, !taskId.isEmpty else {
                problems += rowProblems
                continue
            }
            let key = "\(equipmentId)/\(taskId)"
            if let earlier = seen[key] {
                problem("task", "\(key) is already on row \(earlier); a task appears once")
                problems += rowProblems
                continue
            }
            seen[key] = record.line

            var equipmentFields: [(String, JSONValue)] = []
            var taskFields: [(String, JSONValue)] = []
            for column in PlanSheet.columns where !column.key.isEmpty {
                let value = cell(column.name)
                guard !value.isEmpty, column.name != "equipment", column.name != "task" else { continue }
                let json: JSONValue
                switch column.name {
                case "deferrable", "blocks_operation":
                    guard let flag = Self.flag(value) else {
                        problem(column.name, "\"\(value)\" is not yes or no")
                        continue
                    }
                    json = .bool(flag)
                case "meter":
                    let parts = value.split(separator: ":", maxSplits: 1).map { String($0).trimmingSpaces() }
                    guard parts.count == 2, let every = Double(parts[1]) else {
                        problem(column.name, "\"\(value)\" is not METER:EVERY (run-hours:500)")
                        continue
                    }
                    json = .object([
                        Self.member("id", .string(parts[0])), Self.member("every", .number(every, text: parts[1])),
                    ])
                case "meters":
                    var meters: [JSONNode] = []
                    for item in value.split(separator: " ") {
                        let parts = item.split(separator: ":", maxSplits: 1).map(String.init)
                        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                            problem(column.name, "\"\(item)\" is not ID:UNIT (run-hours:h)")
                            continue
                        }
                        meters.append(
                            JSONNode(
                                .object([Self.member("id", .string(parts[0])), Self.member("unit", .string(parts[1]))]),
                                at: Self.here))
                    }
                    json = .array(meters)
                default:
                    json = .string(value)
                }
                if column.onEquipment {
                    equipmentFields.append((column.key, json))
                } else {
                    taskFields.append((column.key, json))
                }
            }

            // Merge, then check the merged equipment with this one task as the daemon would.
            var merged = document
            let (isNew, changed, equipment) = Self.merge(
                into: &merged, equipment: equipmentId, task: taskId, equipmentFields: equipmentFields,
                taskFields: taskFields)
            let line = Self.string(equipment, "line") ?? ""
            for diagnostic in Self.check(equipment, task: taskId, line: line, zones: zones, now: now) {
                let column = Self.column(of: diagnostic.path, message: diagnostic.message)
                problem(
                    column,
                    column == nil && !diagnostic.path.isEmpty
                        ? "\(diagnostic.path.replacing("equipment[0]", with: equipmentId)): \(diagnostic.message)"
                        : diagnostic.message)
            }
            guard rowProblems.isEmpty else {
                problems += rowProblems
                continue
            }
            document = merged
            if isNew { added += 1 } else if changed { updated += 1 } else { unchanged += 1 }
            if !line.isEmpty, !knownLines.contains(line), !declaredLines.contains(line) {
                let name = cell("line_name")
                Self.declare(line: line, name: name.isEmpty ? line : name, in: &document)
                declaredLines.insert(line)
            }
        }
        if problems.isEmpty { text = JSONWriter.write(document) }
    }

    static let here = SourceLocation(line: 1, column: 1)

    static func member(_ key: String, _ value: JSONValue) -> JSONMember {
        JSONMember(key: key, keyLocation: here, value: JSONNode(value, at: here))
    }

    static func flag(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "x": true
        case "no", "n", "false", "0": false
        default: nil
        }
    }

    /// The column a loader path points into (`equipment[0].tasks[0].every` → every), if one does.
    static func column(of path: String, message: String = "") -> String? {
        // `missing "name"` is reported on the object that lacks the key.
        if message.hasPrefix("missing \""), path == "equipment[0]" || path == "equipment[0].tasks[0]" {
            let key = message.dropFirst("missing \"".count).prefix { $0 != "\"" }
            return PlanSheet.columns.first { $0.onEquipment == (path == "equipment[0]") && $0.key == key }?.name
        }
        var rest = Substring(path)
        guard rest.hasPrefix("equipment[0]") else { return nil }
        rest = rest.dropFirst("equipment[0]".count)
        var onEquipment = true
        if rest.hasPrefix(".tasks[0]") {
            rest = rest.dropFirst(".tasks[0]".count)
            onEquipment = false
        }
        guard rest.hasPrefix(".") else { return nil }
        let key = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
        return PlanSheet.columns.first { $0.onEquipment == onEquipment && $0.key == key }?.name
    }

    /// Sets `fields` on the member named `key` of an object, keeping the order and everything else.
    static func set(_ fields: [(String, JSONValue)], in members: inout [JSONMember]) {
        for (key, value) in fields {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if key == "meters", case .array(let old) = members[index].value.value, case .array(let new) = value {
                    members[index].value.value = .array(mergeById(old, new))
                } else {
                    members[index].value.value = value
                }
            } else {
                members.append(member(key, value))
            }
        }
    }

    /// Meters merged by id: a new unit replaces the old, others stay.
    static func mergeById(_ old: [JSONNode], _ new: [JSONNode]) -> [JSONNode] {
        var result = old
        for node in new {
            guard let id = string(node, "id") else { continue }
            if let index = result.firstIndex(where: { string($0, "id") == id }) {
                guard case .object(var members) = result[index].value, case .object(let fields) = node.value else {
                    continue
                }
                set(fields.map { ($0.key, $0.value.value) }, in: &members)
                result[index].value = .object(members)
            } else {
                result.append(node)
            }
        }
        return result
    }

    static func string(_ node: JSONNode, _ key: String) -> String? {
        guard case .object(let members) = node.value, let value = members.first(where: { $0.key == key }),
            case .string(let text) = value.value.value
        else { return nil }
        return text
    }

    /// Puts the row into the document; returns whether the task is new, and the equipment with only that task.
    static func merge(
        into document: inout JSONNode, equipment id: String, task taskId: String,
        equipmentFields: [(String, JSONValue)], taskFields: [(String, JSONValue)]
    ) -> (isNew: Bool, changed: Bool, equipment: JSONNode) {
        guard case .object(var members) = document.value else { return (false, false, document) }
        var list: [JSONNode] = []
        if let index = members.firstIndex(where: { $0.key == "equipment" }),
            case .array(let elements) = members[index].value.value
        {
            list = elements
        }
        var position = list.firstIndex { string($0, "id") == id }
        if position == nil {
            list.append(JSONNode(.object([member("id", .string(id))]), at: here))
            position = list.count - 1
        }
        guard let position, case .object(var equipment) = list[position].value else { return (false, false, document) }
        let before = JSONWriter.write(list[position])
        set(equipmentFields, in: &equipment)
        var tasks: [JSONNode] = []
        if let index = equipment.firstIndex(where: { $0.key == "tasks" }),
            case .array(let elements) = equipment[index].value.value
        {
            tasks = elements
        }
        var taskPosition = tasks.firstIndex { string($0, "id") == taskId }
        let isNew = taskPosition == nil
        if taskPosition == nil {
            tasks.append(JSONNode(.object([member("id", .string(taskId))]), at: here))
            taskPosition = tasks.count - 1
        }
        guard let taskPosition, case .object(var task) = tasks[taskPosition].value else {
            return (false, false, document)
        }
        set(taskFields, in: &task)
        tasks[taskPosition].value = .object(task)
        set([("tasks", .array(tasks))], in: &equipment)
        list[position].value = .object(equipment)
        set([("equipment", .array(list))], in: &members)
        document.value = .object(members)

        var single = equipment
        set([("tasks", .array([tasks[taskPosition]]))], in: &single)
        return (isNew, JSONWriter.write(list[position]) != before, JSONNode(.object(single), at: here))
    }

    static func lines(in document: JSONNode) -> Set<String> {
        guard case .object(let members) = document.value, let lines = members.first(where: { $0.key == "lines" }),
            case .array(let elements) = lines.value.value
        else { return [] }
        return Set(elements.compactMap { string($0, "id") })
    }

    static func declare(line: String, name: String, in document: inout JSONNode) {
        guard case .object(var members) = document.value else { return }
        var lines: [JSONNode] = []
        if let index = members.firstIndex(where: { $0.key == "lines" }),
            case .array(let elements) = members[index].value.value
        {
            lines = elements
        }
        lines.append(JSONNode(.object([member("id", .string(line)), member("name", .string(name))]), at: here))
        // Lines come before equipment, as people read a configuration.
        if members.contains(where: { $0.key == "lines" }) {
            set([("lines", .array(lines))], in: &members)
        } else {
            let at = members.firstIndex { $0.key == "equipment" } ?? members.endIndex
            members.insert(member("lines", .array(lines)), at: at)
        }
        document.value = .object(members)
    }

    /// The loader's verdict on one equipment with one task, alone in a plant.
    static func check(
        _ equipment: JSONNode, task: String, line: String, zones: any TimeZoneResolver, now: Date
    ) -> [ConfigurationDiagnostic] {
        var text = #"{"site": {"name": "plan", "timezone": "UTC"}, "#
        if !line.isEmpty {
            var quoted = ""
            JSONLiteral.quote(line, into: &quoted)
            text += #""lines": [{"id": \#(quoted)}], "#
        }
        text += #""equipment": ["# + JSONWriter.write(equipment) + "]}"
        do {
            _ = try ConfigurationLoader.load(
                mainFile: "/plan.json", source: SingleFileSource(text: text), zones: zones, now: now)
            return []
        } catch {
            return error.diagnostics
        }
    }
}

/// One configuration file held in memory.
struct SingleFileSource: ConfigurationSource {
    var text: String
    func read(_ path: String) throws -> [UInt8] { Array(text.utf8) }
    func expand(_ pattern: String, relativeTo directory: String) -> [String] { [] }
}
