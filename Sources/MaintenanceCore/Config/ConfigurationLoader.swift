public import FoundationEssentials

/// Reads, decodes and validates a configuration: the main file and the files it includes.
///
/// Validation is strict (unknown keys are errors, so a typo never silently drops a schedule) and exhaustive: every
/// problem in every file is reported, each with file, line, column and JSON path.
public struct ConfigurationLoader: Sendable {
    static let mainKeys: AllowedKeys = [
        "$schema", "site", "calendar", "defaults", "notifications", "roles", "include", "lines", "equipment",
    ]
    static let includedKeys: AllowedKeys = ["$schema", "lines", "equipment"]
    static let siteKeys: AllowedKeys = ["name", "timezone"]
    static let defaultsKeys: AllowedKeys = ["leadTime", "tolerance", "maxDeferral", "review"]
    static let notificationKeys: AllowedKeys = ["overdueReminder"]
    static let roleKeys: AllowedKeys = ["technician", "lead"]
    static let lineKeys: AllowedKeys = ["id", "name", "calendar"]
    static let calendarKeys: AllowedKeys = ["workingDays", "holidays", "shutdowns"]
    static let holidayKeys: AllowedKeys = ["date", "name"]
    static let shutdownKeys: AllowedKeys = ["from", "to", "reason"]
    static let equipmentKeys: AllowedKeys = [
        "id", "name", "line", "location", "inService", "commissioned", "meters", "tasks", "formerIds",
    ]
    static let meterKeys: AllowedKeys = ["id", "unit", "maxRatePerHour", "resolution"]
    static let taskKeys: AllowedKeys = [
        "id", "kind", "title", "procedure", "instructions", "every", "anchor", "calendar", "meter", "leadTime",
        "tolerance", "lastDone", "readings", "formerIds", "deferrable", "maxDeferral", "review", "onNonWorkingDay",
        "shutdownOnly", "blocksOperation", "steps", "followUpWithin", "estimatedDuration", "downtime", "lockout",
        "assignee", "parts",
    ]
    static let partKeys: AllowedKeys = ["number", "quantity", "description"]
    static let stepKeys: AllowedKeys = ["id", "text", "type", "unit", "min", "max", "meter", "required"]
    static let meterTriggerKeys: AllowedKeys = ["id", "every", "lastDoneValue"]
    static let readingKeys: AllowedKeys = ["id", "unit", "label", "min", "max", "type", "stage", "required"]

    /// Built-in defaults where neither the task nor `defaults` says otherwise.
    public static let defaultLeadTime = Allowance.percent(10)
    public static let defaultTolerance = Allowance.percent(10)
    public static let defaultOverdueReminder = MaintenanceInterval(microseconds: 8 * 3_600_000_000, text: "8h")

    private let source: any ConfigurationSource
    private let zones: any TimeZoneResolver
    private var diagnostics: [ConfigurationDiagnostic] = []
    private var zone = TimeZoneRules.utc
    private var defaultLeadTime = Self.defaultLeadTime
    private var defaultTolerance = Self.defaultTolerance
    private var defaultMaxDeferral: Allowance?
    private var defaultReview: Role?
    /// The site's working calendar (every day worked when the configuration gives none).
    private var siteCalendar = PlantCalendar.everyDay
    /// When the configuration is loaded: a `lastDone` after it is an error.
    private let now: Date?
    /// Lines and equipment with where they were declared, across files.
    private var lines: [LineDeclaration] = []

    /// A line as declared: where, and where its id is (a second declaration of an id is reported there).
    typealias LineDeclaration = (line: ProductionLine, where: ConfigurationSourceReference, id: SourceLocation)
    private var equipment: [Equipment] = []

    private init(source: any ConfigurationSource, zones: any TimeZoneResolver, now: Date?) {
        self.source = source
        self.zones = zones
        self.now = now
    }

    /// Loads `mainFile` and its includes; throws every problem found. With `now`, a `lastDone` after it is an error.
    public static func load(
        mainFile: String, source: any ConfigurationSource, zones: any TimeZoneResolver, now: Date? = nil
    )
        throws(ConfigurationError) -> Configuration
    {
        var loader = ConfigurationLoader(source: source, zones: zones, now: now)
        let configuration = loader.loadMain(mainFile)
        guard loader.diagnostics.isEmpty, let configuration else {
            // In reading order: file by file as they were included, then by position.
            var fileOrder: [String: Int] = [:]
            for diagnostic in loader.diagnostics where fileOrder[diagnostic.file] == nil {
                fileOrder[diagnostic.file] = diagnostic.file == mainFile ? -1 : fileOrder.count
            }
            let sorted = loader.diagnostics.enumerated().sorted { a, b in
                let left = (fileOrder[a.element.file]!, a.element.location.line, a.element.location.column, a.offset)
                let right = (fileOrder[b.element.file]!, b.element.location.line, b.element.location.column, b.offset)
                return left < right
            }
            throw ConfigurationError(diagnostics: sorted.map(\.element))
        }
        return configuration
    }

    // MARK: Files

    private mutating func parse(_ file: String) -> JSONNode? {
        let bytes: [UInt8]
        do {
            bytes = try source.read(file)
        } catch {
            diagnostics.append(
                ConfigurationDiagnostic(
                    file: file, location: SourceLocation(line: 1, column: 1), path: "",
                    message: "cannot read the file: \(error)"))
            return nil
        }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            diagnostics.append(
                ConfigurationDiagnostic(
                    file: file, location: error.location, path: "",
                    message: "invalid JSON: \(error.message)"))
            return nil
        }
    }

    private mutating func loadMain(_ file: String) -> Configuration? {
        guard let root = parse(file) else { return nil }
        var reader = ConfigurationReader(file: file)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let members = reader.object(root, "", allowed: Self.mainKeys) else { return nil }

        var siteName = ""
        var timezone = "UTC"
        if let site = members["site"] {
            if let fields = reader.object(site.value, "site", allowed: Self.siteKeys) {
                if let name = fields["name"] {
                    siteName = reader.string(name.value, "site.name") ?? ""
                } else {
                    reader.error(site.value.location, "site", "missing \"name\" (the plant's name)")
                }
                if let tz = fields["timezone"] {
                    if let name = reader.string(tz.value, "site.timezone") {
                        if let rules = zones.rules(named: name) {
                            zone = rules
                            timezone = name
                        } else {
                            reader.error(
                                tz.value.location, "site.timezone",
                                "unknown time zone \"\(name)\"; use an IANA name such as \"Europe/Berlin\"")
                        }
                    }
                } else {
                    reader.error(
                        site.value.location, "site", "missing \"timezone\" (an IANA name such as \"Europe/Berlin\")")
                }
            }
        } else {
            reader.error(root.location, "", "missing \"site\" with the plant's \"name\" and \"timezone\"")
        }

        if let node = members["calendar"] {
            siteCalendar = decodeCalendar(node.value, "calendar", base: .everyDay, reader: &reader)
        }

        if let defaults = members["defaults"],
            let fields = reader.object(defaults.value, "defaults", allowed: Self.defaultsKeys)
        {
            if let node = fields["leadTime"], let value = reader.allowance(node.value, "defaults.leadTime") {
                defaultLeadTime = value
            }
            if let node = fields["tolerance"], let value = reader.allowance(node.value, "defaults.tolerance") {
                defaultTolerance = value
            }
            if let node = fields["maxDeferral"], let value = reader.allowance(node.value, "defaults.maxDeferral") {
                defaultMaxDeferral = value
            }
            if let node = fields["review"] {
                defaultReview = reviewRole(node.value, "defaults.review", reader: &reader)
            }
        }

        var overdueReminder = Self.defaultOverdueReminder
        if let node = members["notifications"],
            let fields = reader.object(node.value, "notifications", allowed: Self.notificationKeys),
            let reminder = fields["overdueReminder"],
            let value = reader.duration(reminder.value, "notifications.overdueReminder", positive: true)
        {
            overdueReminder = value
        }

        var roles = RoleGroups.default
        if let node = members["roles"], let fields = reader.object(node.value, "roles", allowed: Self.roleKeys) {
            for (key, keyPath) in [("technician", \RoleGroups.technician), ("lead", \RoleGroups.lead)] {
                guard let groups = fields[key], let names = reader.strings(groups.value, "roles.\(key)") else {
                    continue
                }
                for (index, name) in names.enumerated() where !Self.isGroupName(name) {
                    reader.error(
                        groups.value.location, "roles.\(key)[\(index)]", "\"\(name)\" is not a valid Unix group name")
                }
                roles[keyPath: keyPath] = names
            }
        }

        accept(decodeLinesAndEquipment(members, reader: &reader))

        var files = [file]
        if let include = members["include"], let patterns = reader.strings(include.value, "include") {
            // The file's directory ("/" for a file at the root, "" for a bare name).
            let directory = file.lastIndex(of: "/").map { $0 == file.startIndex ? "/" : String(file[..<$0]) } ?? ""
            for (index, pattern) in patterns.enumerated() {
                let matches = source.expand(pattern, relativeTo: directory.isEmpty ? "." : directory)
                if matches.isEmpty {
                    reader.error(include.value.location, "include[\(index)]", "\"\(pattern)\" matches no file")
                }
                for match in matches where !files.contains(match) { files.append(match) }
            }
        }
        // The included files (most of a large plant) are read and decoded on every core, each with what the main file
        // set, then taken in the order they were included.
        let snapshot = self
        let decoded = files.dropFirst().map { $0 }.concurrentMap(minimum: 2, eachApart: true) { file in
            var loader = snapshot
            loader.equipment = []
            loader.diagnostics = []
            let lines = loader.loadIncluded(file)
            return (lines: lines, equipment: loader.equipment, diagnostics: loader.diagnostics)
        }
        for part in decoded {
            diagnostics += part.diagnostics
            accept(part.lines)
            equipment += part.equipment
        }

        crossCheck()
        return Configuration(
            siteName: siteName, timezone: timezone, zone: zone, lines: lines.map(\.line), equipment: equipment,
            roles: roles, overdueReminder: overdueReminder, files: files, calendar: siteCalendar)
    }

    /// Decodes an included file into this loader's equipment and diagnostics, and returns the lines it declares.
    private mutating func loadIncluded(_ file: String) -> [LineDeclaration] {
        guard let root = parse(file) else { return [] }
        var reader = ConfigurationReader(file: file)
        defer { diagnostics.append(contentsOf: reader.diagnostics) }
        guard let members = reader.object(root, "", allowed: Self.includedKeys) else { return [] }
        return decodeLinesAndEquipment(members, reader: &reader)
    }

    /// Takes declared lines in order; an id declared before is reported at the later declaration.
    private mutating func accept(_ declarations: [LineDeclaration]) {
        for declared in declarations {
            guard let existing = lines.first(where: { $0.line.id == declared.line.id }) else {
                lines.append(declared)
                continue
            }
            diagnostics.append(
                ConfigurationDiagnostic(
                    file: declared.where.file, location: declared.id, path: "\(declared.where.path).id",
                    message:
                        "duplicate line id \"\(declared.line.id)\" (first defined at \(existing.where.file):\(existing.where.location))"
                ))
        }
    }

    private static func isGroupName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 32
            && name.unicodeScalars.allSatisfy {
                $0.isASCII
                    && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
            }
    }

    // MARK: Lines and equipment

    /// Decodes the equipment into ``equipment`` and returns the lines declared (``accept(_:)`` takes them).
    private mutating func decodeLinesAndEquipment(
        _ members: JSONFields, reader: inout ConfigurationReader
    ) -> [LineDeclaration] {
        var declared: [LineDeclaration] = []
        if let node = members["lines"], let elements = reader.array(node.value, "lines") {
            for (index, element) in elements.enumerated() {
                let path = "lines[\(index)]"
                guard let fields = reader.object(element, path, allowed: Self.lineKeys) else { continue }
                guard let idNode = fields["id"] else {
                    reader.error(element.location, path, "missing \"id\"")
                    continue
                }
                guard let id = reader.identifier(idNode.value, "\(path).id") else { continue }
                let name = fields["name"].flatMap { reader.string($0.value, "\(path).name") } ?? id
                let calendar = fields["calendar"].map {
                    decodeCalendar($0.value, "\(path).calendar", base: siteCalendar, reader: &reader)
                }
                let reference = ConfigurationSourceReference(file: reader.file, location: element.location, path: path)
                declared.append(
                    (ProductionLine(id: id, name: name, calendar: calendar), reference, idNode.value.location))
            }
        }
        if let node = members["equipment"], let elements = reader.array(node.value, "equipment") {
            for (index, element) in elements.enumerated() {
                if let item = decodeEquipment(element, "equipment[\(index)]", reader: &reader) {
                    equipment.append(item)
                }
            }
        }
        return declared
    }

    private mutating func decodeEquipment(
        _ node: JSONNode, _ path: String, reader: inout ConfigurationReader
    )
        -> Equipment?
    {
        guard let fields = reader.object(node, path, allowed: Self.equipmentKeys) else { return nil }
        func required(_ key: String, _ what: String) -> JSONNode? {
            if let member = fields[key] { return member.value }
            reader.error(node.location, path, "missing \"\(key)\" (\(what))")
            return nil
        }
        let id = required("id", "the equipment's id, e.g. \"TW-04\"").flatMap { reader.identifier($0, "\(path).id") }
        let name = required("name", "what people call it").flatMap { reader.string($0, "\(path).name") }
        // Equipment outside any production line (a compressor in the utilities room) has none: "".
        let line: String? =
            fields["line"].map { member in reader.identifier(member.value, "\(path).line") }
            ?? Optional(Equipment.noLine)
        let location = fields["location"].flatMap { reader.string($0.value, "\(path).location") } ?? ""
        let inService = fields["inService"].flatMap { reader.bool($0.value, "\(path).inService") } ?? true
        let commissioned = fields["commissioned"].flatMap { reader.date($0.value, "\(path).commissioned", zone: zone) }
        let formerIds = decodeFormerIds(fields["formerIds"], path, reader: &reader)

        var meters: [Meter] = []
        if let node = fields["meters"], let elements = reader.array(node.value, "\(path).meters") {
            meters.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                let meterPath = "\(path).meters[\(index)]"
                guard let meterFields = reader.object(element, meterPath, allowed: Self.meterKeys) else { continue }
                guard let idNode = meterFields["id"] else {
                    reader.error(element.location, meterPath, "missing \"id\"")
                    continue
                }
                guard let meterId = reader.identifier(idNode.value, "\(meterPath).id") else { continue }
                if meters.contains(where: { $0.id == meterId }) {
                    reader.error(
                        idNode.value.location, "\(meterPath).id", "duplicate meter id \"\(meterId)\" on this equipment")
                    continue
                }
                let unit = meterFields["unit"].flatMap { reader.string($0.value, "\(meterPath).unit") }
                if meterFields["unit"] == nil {
                    reader.error(element.location, meterPath, "missing \"unit\" (e.g. \"h\" or \"cycles\")")
                }
                var rate: Double?
                if let rateNode = meterFields["maxRatePerHour"],
                    let value = reader.number(rateNode.value, "\(meterPath).maxRatePerHour")
                {
                    if value > 0 {
                        rate = value
                    } else {
                        reader.error(rateNode.value.location, "\(meterPath).maxRatePerHour", "must be greater than 0")
                    }
                }
                var resolution = 1.0
                if let node = meterFields["resolution"],
                    let value = reader.number(node.value, "\(meterPath).resolution")
                {
                    if value > 0 && value <= 1e9 {
                        resolution = value
                    } else {
                        reader.error(node.value.location, "\(meterPath).resolution", "must be greater than 0")
                    }
                }
                meters.append(Meter(id: meterId, unit: unit ?? "", maxRatePerHour: rate, resolution: resolution))
            }
        }

        var tasks: [MaintenanceTask] = []
        if let node = fields["tasks"], let elements = reader.array(node.value, "\(path).tasks") {
            // Exactly as many as written: grown by appending, ten 400-byte tasks would take the room of sixteen for the
            // daemon's whole life (a seventh of a large plant's memory).
            tasks.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                let taskPath = "\(path).tasks[\(index)]"
                guard let task = decodeTask(element, taskPath, meters: meters, reader: &reader) else { continue }
                if let existing = tasks.first(where: { $0.id == task.id || $0.formerIds.contains(task.id) }) {
                    reader.error(
                        element.location, "\(taskPath).id",
                        "duplicate task id \"\(task.id)\" on this equipment (also at \(existing.source.path))")
                    continue
                }
                tasks.append(task)
            }
        }
        guard let id, let name, let line else { return nil }
        let reference = ConfigurationSourceReference(file: reader.file, location: node.location, path: path)
        return Equipment(
            id: id, name: name, line: line, location: location, inService: inService, commissioned: commissioned,
            meters: meters, tasks: tasks, formerIds: formerIds, source: reference)
    }

    // MARK: Checklists

    private func decodeSteps(
        _ member: JSONMember?, _ path: String, meters: [Meter], reader: inout ConfigurationReader
    ) -> [ChecklistStep] {
        guard let member, let elements = reader.array(member.value, "\(path).steps") else { return [] }
        var steps: [ChecklistStep] = []
        for (index, element) in elements.enumerated() {
            let stepPath = "\(path).steps[\(index)]"
            guard let fields = reader.object(element, stepPath, allowed: Self.stepKeys) else { continue }
            guard let idNode = fields["id"], let textNode = fields["text"] else {
                reader.error(element.location, stepPath, "missing \"id\" or \"text\" (what to do or check)")
                continue
            }
            guard let id = reader.identifier(idNode.value, "\(stepPath).id"),
                let text = reader.string(textNode.value, "\(stepPath).text")
            else { continue }
            if steps.contains(where: { $0.id == id }) {
                reader.error(idNode.value.location, "\(stepPath).id", "duplicate step id \"\(id)\" in this task")
                continue
            }
            var type = ChecklistStep.StepType.check
            if let node = fields["type"], let value = reader.string(node.value, "\(stepPath).type") {
                guard let parsed = ChecklistStep.StepType(rawValue: value) else {
                    reader.error(
                        node.value.location, "\(stepPath).type",
                        "unknown step type \"\(value)\"; expected check (pass, fail or n-a), number, text or meter")
                    continue
                }
                type = parsed
            }
            let min = fields["min"].flatMap { reader.number($0.value, "\(stepPath).min") }
            let max = fields["max"].flatMap { reader.number($0.value, "\(stepPath).max") }
            if type != .number, let node = fields["min"] ?? fields["max"] {
                reader.error(node.value.location, stepPath, "\"min\" and \"max\" apply to number steps")
                continue
            }
            if let min, let max, min > max, let node = fields["max"] {
                reader.error(node.value.location, "\(stepPath).max", "max is below min")
                continue
            }
            var meter: String?
            if type == .meter {
                guard let node = fields["meter"], let name = reader.string(node.value, "\(stepPath).meter") else {
                    reader.error(element.location, stepPath, "a meter step names the equipment's meter it reads")
                    continue
                }
                guard meters.contains(where: { $0.id == name }) else {
                    reader.error(
                        node.value.location, "\(stepPath).meter",
                        "no meter \"\(name)\" on this equipment; meters: \(meters.map(\.id).joined(separator: ", "))")
                    continue
                }
                meter = name
            } else if let node = fields["meter"] {
                reader.error(node.value.location, "\(stepPath).meter", "\"meter\" applies to meter steps")
                continue
            }
            let unit =
                fields["unit"].flatMap { reader.string($0.value, "\(stepPath).unit") }
                ?? meter.flatMap { name in meters.first { $0.id == name }?.unit } ?? ""
            let required = fields["required"].flatMap { reader.bool($0.value, "\(stepPath).required") } ?? true
            steps.append(
                ChecklistStep(
                    id: id, text: text, type: type, unit: unit, min: min, max: max, meter: meter, required: required))
        }
        return steps
    }

    // MARK: Plant calendar

    /// A working calendar; what it leaves out comes from `base` (a line's calendar overrides the site's part by part).
    private func decodeCalendar(
        _ node: JSONNode, _ path: String, base: PlantCalendar, reader: inout ConfigurationReader
    ) -> PlantCalendar {
        guard let fields = reader.object(node, path, allowed: Self.calendarKeys) else { return base }
        var calendar = base
        if let member = fields["workingDays"], let text = reader.string(member.value, "\(path).workingDays") {
            switch PlantCalendar.weekdays(text) {
            case .success(let days): calendar.workingDays = days
            case .failure(let error): reader.error(member.value.location, "\(path).workingDays", error.description)
            }
        }
        if let member = fields["holidays"], let elements = reader.array(member.value, "\(path).holidays") {
            calendar.holidays = [:]
            for (index, element) in elements.enumerated() {
                let itemPath = "\(path).holidays[\(index)]"
                var dateNode = element
                var name = ""
                if case .object = element.value {
                    guard let holiday = reader.object(element, itemPath, allowed: Self.holidayKeys) else { continue }
                    guard let date = holiday["date"] else {
                        reader.error(element.location, itemPath, "missing \"date\" (2026-12-25)")
                        continue
                    }
                    dateNode = date.value
                    name = holiday["name"].flatMap { reader.string($0.value, "\(itemPath).name") } ?? ""
                }
                guard let day = Self.day(dateNode, itemPath, reader: &reader) else { continue }
                calendar.holidays[day] = name
            }
        }
        if let member = fields["shutdowns"], let elements = reader.array(member.value, "\(path).shutdowns") {
            var shutdowns: [PlantCalendar.Shutdown] = []
            for (index, element) in elements.enumerated() {
                let itemPath = "\(path).shutdowns[\(index)]"
                guard let window = reader.object(element, itemPath, allowed: Self.shutdownKeys) else { continue }
                guard let fromNode = window["from"], let toNode = window["to"] else {
                    reader.error(element.location, itemPath, "missing \"from\" or \"to\" (the first and last day down)")
                    continue
                }
                guard let from = Self.day(fromNode.value, "\(itemPath).from", reader: &reader),
                    let to = Self.day(toNode.value, "\(itemPath).to", reader: &reader)
                else { continue }
                guard to >= from else {
                    reader.error(toNode.value.location, "\(itemPath).to", "the shutdown ends before it starts")
                    continue
                }
                let reason = window["reason"].flatMap { reader.string($0.value, "\(itemPath).reason") } ?? "shutdown"
                if let overlap = shutdowns.first(where: { $0.from <= to && from <= $0.to }) {
                    reader.error(
                        element.location, itemPath, "overlaps the shutdown \"\(overlap.reason)\"; merge them into one")
                    continue
                }
                shutdowns.append(PlantCalendar.Shutdown(from: from, to: to, reason: reason))
            }
            calendar.shutdowns = shutdowns.sorted { $0.from < $1.from }
        }
        return calendar
    }

    /// A day written as 2026-12-25, as a day number.
    private static func day(_ node: JSONNode, _ path: String, reader: inout ConfigurationReader) -> Int64? {
        guard let text = reader.string(node, path) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1900...9999).contains(year), (1...12).contains(month),
            (1...Gregorian.daysInMonth(year: year, month: month)).contains(day)
        else {
            reader.error(node.location, path, "\"\(text)\" is not a date; write 2026-12-25")
            return nil
        }
        return Gregorian.days(year: year, month: month, day: day)
    }

    private func decodeFormerIds(_ member: JSONMember?, _ path: String, reader: inout ConfigurationReader) -> [String] {
        guard let member, let elements = reader.array(member.value, "\(path).formerIds") else { return [] }
        return elements.enumerated().compactMap { reader.identifier($0.element, "\(path).formerIds[\($0.offset)]") }
    }

    /// `"review"`: the role whose second person reviews a task's passing completions ("lead" or "technician"), or
    /// "none" (a task overriding a default).
    private func reviewRole(_ node: JSONNode, _ path: String, reader: inout ConfigurationReader) -> Role? {
        guard let text = reader.string(node, path) else { return nil }
        switch text {
        case "none": return nil
        case Role.lead.rawValue: return .lead
        case Role.technician.rawValue: return .technician
        default:
            reader.error(
                node.location, path,
                "unknown role \"\(text)\"; a review is by a \"lead\" or a \"technician\" (another person than the one who did the work), or \"none\""
            )
            return nil
        }
    }

    // MARK: Tasks

    private func decodeTask(
        _ node: JSONNode, _ path: String, meters: [Meter], reader: inout ConfigurationReader
    )
        -> MaintenanceTask?
    {
        guard let fields = reader.object(node, path, allowed: Self.taskKeys) else { return nil }
        var id: String?
        if let idNode = fields["id"] {
            id = reader.identifier(idNode.value, "\(path).id")
        } else {
            reader.error(node.location, path, "missing \"id\"")
        }
        var kind: TaskKind?
        if let kindNode = fields["kind"] {
            if let text = reader.string(kindNode.value, "\(path).kind") {
                kind = TaskKind(rawValue: text)
                if kind == nil {
                    reader.error(
                        kindNode.value.location, "\(path).kind",
                        "unknown kind \"\(text)\"; expected one of: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                }
            }
        } else {
            reader.error(
                node.location, path, "missing \"kind\" (\(TaskKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var title: String?
        if let titleNode = fields["title"] {
            title = reader.string(titleNode.value, "\(path).title")
        } else {
            reader.error(node.location, path, "missing \"title\" (what to do, e.g. \"Grease main bearings\")")
        }
        let procedure = fields["procedure"].flatMap { reader.string($0.value, "\(path).procedure") }
        let instructions = fields["instructions"].flatMap { reader.string($0.value, "\(path).instructions") }
        let every = fields["every"].flatMap { reader.duration($0.value, "\(path).every", positive: true) }

        var anchor = ScheduleAnchor.completion
        if let anchorNode = fields["anchor"], let text = reader.string(anchorNode.value, "\(path).anchor") {
            if let value = ScheduleAnchor(rawValue: text) {
                anchor = value
            } else {
                reader.error(
                    anchorNode.value.location, "\(path).anchor",
                    "unknown anchor \"\(text)\"; expected \"completion\" (floating) or \"schedule\" (fixed grid)")
            }
            if fields["every"] == nil {
                reader.error(
                    anchorNode.value.location, "\(path).anchor",
                    "\"anchor\" only applies to \"every\", which this task does not have")
            }
        }

        var calendar: Boxed<CalendarSpec>?
        if let calendarNode = fields["calendar"], let text = reader.string(calendarNode.value, "\(path).calendar") {
            do {
                let key = zone.identifier + "\u{0}" + text
                if let known = reader.calendars[key] {
                    calendar = known
                } else {
                    let box = Boxed(try CalendarSpec(text, localZone: zone, resolver: zones))
                    reader.calendars[key] = box
                    calendar = box
                }
            } catch {
                // Point at the character inside the string (after its opening quote).
                var location = calendarNode.value.location
                location.column += 1 + error.offset
                reader.error(location, "\(path).calendar", error.description)
            }
        }

        var meter: MeterTrigger?
        if let meterNode = fields["meter"] {
            meter = decodeMeterTrigger(meterNode.value, "\(path).meter", meters: meters, reader: &reader)
        }

        if fields["every"] == nil && fields["calendar"] == nil && fields["meter"] == nil {
            reader.error(
                node.location, path,
                "no trigger: give \"every\", \"calendar\" or \"meter\" (or several; the first to come applies)")
        }

        let leadTime = fields["leadTime"].flatMap { reader.allowance($0.value, "\(path).leadTime") } ?? defaultLeadTime
        let tolerance =
            fields["tolerance"].flatMap { reader.allowance($0.value, "\(path).tolerance") } ?? defaultTolerance
        let lastDone = fields["lastDone"].flatMap { reader.date($0.value, "\(path).lastDone", zone: zone) }
        if let lastDone, let now, lastDone > now, let node = fields["lastDone"] {
            reader.error(
                node.value.location, "\(path).lastDone",
                "\(Timestamp.rfc3339(lastDone)) is in the future; lastDone says when the task was last done before maintd"
            )
        }
        let deferrable = fields["deferrable"].flatMap { reader.bool($0.value, "\(path).deferrable") } ?? true
        let maxDeferral =
            fields["maxDeferral"].flatMap { reader.allowance($0.value, "\(path).maxDeferral") } ?? defaultMaxDeferral
        if !deferrable, let node = fields["maxDeferral"] {
            reader.error(
                node.value.location, "\(path).maxDeferral",
                "a task with \"deferrable\": false cannot be deferred at all")
        }
        let readings = decodeReadings(fields["readings"], path, reader: &reader)
        let steps = decodeSteps(fields["steps"], path, meters: meters, reader: &reader)
        for step in steps where readings.contains(where: { $0.id == step.id }) {
            reader.error(node.location, "\(path).steps", "step \"\(step.id)\" has the id of a reading; give it another")
        }
        let formerIds = decodeFormerIds(fields["formerIds"], path, reader: &reader)
        let review = fields["review"].map { reviewRole($0.value, "\(path).review", reader: &reader) } ?? defaultReview

        var onNonWorkingDay = NonWorkingDayRule.next
        if let node = fields["onNonWorkingDay"], let text = reader.string(node.value, "\(path).onNonWorkingDay") {
            if let rule = NonWorkingDayRule(rawValue: text) {
                onNonWorkingDay = rule
            } else {
                reader.error(
                    node.value.location, "\(path).onNonWorkingDay",
                    "unknown rule \"\(text)\"; expected \"next\" (the next working day), \"previous\" or \"keep\"")
            }
        }
        let shutdownOnly = fields["shutdownOnly"].flatMap { reader.bool($0.value, "\(path).shutdownOnly") } ?? false
        if shutdownOnly, fields["every"] == nil, fields["calendar"] == nil, let node = fields["shutdownOnly"] {
            reader.error(
                node.value.location, "\(path).shutdownOnly",
                "a job scheduled into shutdowns needs \"every\" or \"calendar\" (a meter cannot be planned ahead)")
        }

        guard let id, let kind, let title else { return nil }
        var task = MaintenanceTask(
            id: id, kind: kind, title: title, procedure: procedure, instructions: instructions, every: every,
            anchor: anchor, calendarStorage: calendar, meter: meter, leadTime: leadTime, tolerance: tolerance,
            lastDone: lastDone, readings: readings, formerIds: formerIds, deferrable: deferrable,
            maxDeferral: maxDeferral, review: review, onNonWorkingDay: onNonWorkingDay, shutdownOnly: shutdownOnly,
            source: ConfigurationSourceReference(file: reader.file, location: node.location, path: path))
        task.steps = steps
        task.blocksOperation =
            fields["blocksOperation"].flatMap { reader.bool($0.value, "\(path).blocksOperation") } ?? false
        task.estimatedDuration = fields["estimatedDuration"].flatMap {
            reader.duration($0.value, "\(path).estimatedDuration", positive: true)
        }
        task.downtime = fields["downtime"].flatMap { reader.bool($0.value, "\(path).downtime") } ?? false
        task.lockout = fields["lockout"].flatMap { reader.bool($0.value, "\(path).lockout") } ?? false
        if let node = fields["assignee"], let name = reader.string(node.value, "\(path).assignee") {
            if Self.isGroupName(name) {
                task.assignee = name
            } else {
                reader.error(node.value.location, "\(path).assignee", "\"\(name)\" is not a Unix user or group name")
            }
        }
        if let node = fields["parts"], let elements = reader.array(node.value, "\(path).parts") {
            for (index, element) in elements.enumerated() {
                let partPath = "\(path).parts[\(index)]"
                guard let part = reader.object(element, partPath, allowed: Self.partKeys) else { continue }
                guard let numberNode = part["number"],
                    let number = reader.string(numberNode.value, "\(partPath).number")
                else {
                    if part["number"] == nil {
                        reader.error(element.location, partPath, "missing \"number\" (the part number)")
                    }
                    continue
                }
                let quantity = part["quantity"].flatMap { reader.number($0.value, "\(partPath).quantity") } ?? 1
                guard quantity > 0, quantity.isFinite else {
                    reader.error(
                        part["quantity"]?.value.location ?? element.location, "\(partPath).quantity",
                        "must be a positive number")
                    continue
                }
                task.parts.append(
                    SparePart(
                        number: number, quantity: quantity,
                        description: part["description"].flatMap { reader.string($0.value, "\(partPath).description") })
                )
            }
        }
        if let node = fields["followUpWithin"],
            let within = reader.duration(node.value, "\(path).followUpWithin", positive: true)
        {
            task.followUpWithin = within
        }
        return task
    }

    private func decodeMeterTrigger(
        _ node: JSONNode, _ path: String, meters: [Meter], reader: inout ConfigurationReader
    )
        -> MeterTrigger?
    {
        guard let fields = reader.object(node, path, allowed: Self.meterTriggerKeys) else { return nil }
        var meterId: String?
        if let idNode = fields["id"], let id = reader.string(idNode.value, "\(path).id") {
            if meters.contains(where: { $0.id == id }) {
                meterId = id
            } else {
                let known =
                    meters.isEmpty
                    ? "this equipment declares no meters"
                    : "declared meters: \(meters.map(\.id).joined(separator: ", "))"
                reader.error(idNode.value.location, "\(path).id", "no meter \"\(id)\" on this equipment; \(known)")
            }
        } else if fields["id"] == nil {
            reader.error(node.location, path, "missing \"id\" (the meter to count, e.g. \"run-hours\")")
        }
        var every: Double?
        if let everyNode = fields["every"], let value = reader.number(everyNode.value, "\(path).every") {
            if value > 0 {
                every = value
            } else {
                reader.error(everyNode.value.location, "\(path).every", "must be greater than 0")
            }
        } else if fields["every"] == nil {
            reader.error(node.location, path, "missing \"every\" (units of the meter between occurrences)")
        }
        var lastDone: Double?
        if let lastNode = fields["lastDoneValue"], let value = reader.number(lastNode.value, "\(path).lastDoneValue") {
            if value >= 0 {
                lastDone = value
            } else {
                reader.error(lastNode.value.location, "\(path).lastDoneValue", "must not be negative")
            }
        }
        guard let meterId, let every else { return nil }
        return MeterTrigger(meter: meterId, every: every, lastDoneValue: lastDone)
    }

    private func decodeReadings(
        _ member: JSONMember?, _ path: String, reader: inout ConfigurationReader
    ) -> [ReadingSpec] {
        guard let member, let elements = reader.array(member.value, "\(path).readings") else { return [] }
        var readings: [ReadingSpec] = []
        for (index, element) in elements.enumerated() {
            let readingPath = "\(path).readings[\(index)]"
            guard let fields = reader.object(element, readingPath, allowed: Self.readingKeys) else { continue }
            guard let idNode = fields["id"] else {
                reader.error(element.location, readingPath, "missing \"id\" (e.g. \"as-found\")")
                continue
            }
            guard let id = reader.identifier(idNode.value, "\(readingPath).id") else { continue }
            if readings.contains(where: { $0.id == id }) {
                reader.error(idNode.value.location, "\(readingPath).id", "duplicate reading id \"\(id)\" in this task")
                continue
            }
            var type = ReadingSpec.ValueType.number
            if let node = fields["type"], let text = reader.string(node.value, "\(readingPath).type") {
                if let value = ReadingSpec.ValueType(rawValue: text) {
                    type = value
                } else {
                    reader.error(
                        node.value.location, "\(readingPath).type",
                        "unknown reading type \"\(text)\"; expected \"number\" (a measured value) or \"check\" (pass or fail)"
                    )
                }
            }
            var stage = ReadingSpec.Stage.asLeft
            if let node = fields["stage"], let text = reader.string(node.value, "\(readingPath).stage") {
                if let value = ReadingSpec.Stage(rawValue: text) {
                    stage = value
                } else {
                    reader.error(
                        node.value.location, "\(readingPath).stage",
                        "unknown stage \"\(text)\"; expected \"as-found\" (before adjustment) or \"as-left\" (after)")
                }
            }
            let required = fields["required"].flatMap { reader.bool($0.value, "\(readingPath).required") } ?? true
            let unit = fields["unit"].flatMap { reader.string($0.value, "\(readingPath).unit") }
            if fields["unit"] == nil && type == .number {
                reader.error(element.location, readingPath, "missing \"unit\" (e.g. \"N·m\")")
            }
            let label = fields["label"].flatMap { reader.string($0.value, "\(readingPath).label") }
            let min = fields["min"].flatMap { reader.number($0.value, "\(readingPath).min") }
            let max = fields["max"].flatMap { reader.number($0.value, "\(readingPath).max") }
            if type == .check, let node = fields["min"] ?? fields["max"] {
                reader.error(
                    node.value.location, readingPath, "a check passes or fails; \"min\" and \"max\" apply to numbers")
                continue
            }
            if let min, let max, min > max, let maxNode = fields["max"] {
                reader.error(
                    maxNode.value.location, "\(readingPath).max",
                    "max \(max.formatted(maxFractionDigits: 6)) is below min \(min.formatted(maxFractionDigits: 6))")
                continue
            }
            readings.append(
                ReadingSpec(
                    id: id, unit: unit ?? "", label: label, min: min, max: max, type: type, stage: stage,
                    required: required))
        }
        return readings
    }

    // MARK: Across files

    private mutating func crossCheck() {
        let lineIds = Set(lines.map(\.line.id))
        var kept: [Equipment] = []
        kept.reserveCapacity(equipment.count)
        // By id, so that every check is a lookup: a plant of 16,000 machines validates in linear time.
        var byId: [String: Equipment] = [:]
        for item in equipment {
            func report(_ path: String, _ message: String) {
                diagnostics.append(
                    ConfigurationDiagnostic(
                        file: item.source.file, location: item.source.location,
                        path: "\(item.source.path).\(path)", message: message))
            }
            if let first = byId[item.id] {
                report(
                    "id",
                    "duplicate equipment id \"\(item.id)\" (first defined at \(first.source.file):\(first.source.location))"
                )
                continue
            }
            if item.line != Equipment.noLine && !lineIds.contains(item.line) {
                let known =
                    lineIds.isEmpty
                    ? "no lines are declared; add it to \"lines\""
                    : "declared lines: \(lineIds.sorted().joined(separator: ", "))"
                report("line", "unknown line \"\(item.line)\"; \(known)")
            }
            kept.append(item)
            byId[item.id] = item
        }
        // A former id must name only one thing, and never something that exists under that id today.
        var formerOwner: [String: Equipment] = [:]
        for item in kept {
            for former in item.formerIds {
                let clash = byId[former] ?? formerOwner[former].flatMap { $0.id == item.id ? nil : $0 }
                if formerOwner[former] == nil { formerOwner[former] = item }
                guard let clash else { continue }
                let role = clash.id == former ? "the id of" : "also a former id of"
                diagnostics.append(
                    ConfigurationDiagnostic(
                        file: item.source.file, location: item.source.location, path: "\(item.source.path).formerIds",
                        message:
                            "former id \"\(former)\" is \(role) equipment defined at \(clash.source.file):\(clash.source.location)"
                    ))
            }
        }
        equipment = kept
    }
}
