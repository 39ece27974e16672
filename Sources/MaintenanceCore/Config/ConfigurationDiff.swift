/// What a reload changes: equipment and tasks added, removed or changed.
public struct ConfigurationDiff: Sendable, Equatable, CustomStringConvertible {
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Compares two configurations task by task ("TW-04/calibration") and equipment by equipment ("TW-04").
    public init(from old: Configuration, to new: Configuration) {
        func equipmentSignature(_ e: Equipment) -> String {
            "\(e.name)|\(e.line)|\(e.location)|\(e.inService)|\(e.commissioned?.timeIntervalSince1970 ?? -1)|\(e.meters)"
        }
        func taskSignature(_ t: MaintenanceTask) -> String {
            [
                t.kind.rawValue, t.title, t.procedure ?? "", t.instructions ?? "", t.every?.text ?? "",
                t.anchor.rawValue,
                t.calendar?.normalized ?? "", "\(String(describing: t.meter))", t.leadTime.description,
                t.tolerance.description, "\(t.lastDone?.timeIntervalSince1970 ?? -1)", "\(t.readings)",
            ].joined(separator: "|")
        }
        // Lookups, never scans: a reload of 16,000 new machines must not compare each with every old one.
        let oldPosition = Dictionary(
            old.equipment.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for e in new.equipment {
            // The machine itself, else the first old machine (in the old order) that one of its former ids names.
            let position = oldPosition[e.id] ?? e.formerIds.compactMap { oldPosition[$0] }.min()
            guard let before = position.map({ old.equipment[$0] }) else {
                added.append(e.id)
                added += e.tasks.map { "\(e.id)/\($0.id)" }
                continue
            }
            if equipmentSignature(before) != equipmentSignature(e) || before.id != e.id { changed.append(e.id) }
            for task in e.tasks {
                guard
                    let previous = before.task(task.id) ?? before.tasks.first(where: { task.formerIds.contains($0.id) })
                else {
                    added.append("\(e.id)/\(task.id)")
                    continue
                }
                if taskSignature(previous) != taskSignature(task) || previous.id != task.id {
                    changed.append("\(e.id)/\(task.id)")
                }
            }
        }
        for e in old.equipment {
            // By id, else by former id (the configuration's own index).
            guard let after = new.equipment(e.id) else {
                removed.append(e.id)
                removed += e.tasks.map { "\(e.id)/\($0.id)" }
                continue
            }
            for task in e.tasks
            where after.task(task.id) == nil && !after.tasks.contains(where: { $0.formerIds.contains(task.id) }) {
                removed.append("\(e.id)/\(task.id)")
            }
        }
    }

    public var description: String {
        if isEmpty { return "no equipment or task changed" }
        var parts: [String] = []
        if !added.isEmpty { parts.append("added \(Self.list(added))") }
        if !removed.isEmpty { parts.append("removed \(Self.list(removed))") }
        if !changed.isEmpty { parts.append("changed \(Self.list(changed))") }
        return parts.joined(separator: "; ")
    }

    /// How many ids a summary names before it only counts the rest: a reload adding a plant of 16,000 machines is
    /// summed up in a line, not 200 KB.
    public static let namedInSummary = 20

    /// "M1, M2, … and 15,998 more".
    static func list(_ ids: [String]) -> String {
        guard ids.count > namedInSummary else { return ids.joined(separator: ", ") }
        return ids.prefix(namedInSummary).joined(separator: ", ") + " and \(ids.count - namedInSummary) more"
    }
}
