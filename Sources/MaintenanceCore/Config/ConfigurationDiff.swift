/// What a reload changes: equipment and tasks added, removed or changed.
public struct ConfigurationDiff: Sendable, Equatable, CustomStringConvertible {
    public var added: [String] = []
    public var removed: [String] = []
    public var changed: [String] = []

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    /// Compares two configurations task by task ("TW-04/calibration") and equipment by equipment ("TW-04"). Machines
    /// are compared on every core (each on its own), and the lists keep the configurations' order.
    public init(from old: Configuration, to new: Configuration) {
        // Lookups, never scans: a reload of 16,000 new machines must not compare each with every old one.
        let oldPosition = Dictionary(
            old.equipment.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let compared = new.equipment.concurrentMap(minimum: Self.machinesInParallel) { e in
            // The machine itself, else the first old machine (in the old order) that one of its former ids names.
            let position = oldPosition[e.id] ?? e.formerIds.compactMap { oldPosition[$0] }.min()
            return Self.compare(position.map { old.equipment[$0] }, e)
        }
        for (addedHere, changedHere) in compared {
            added += addedHere
            changed += changedHere
        }
        removed = old.equipment.concurrentMap(minimum: Self.machinesInParallel) { e in
            // By id, else by former id (the configuration's own index).
            guard let after = new.equipment(e.id) else { return Self.everyId(of: e) }
            return e.tasks.filter { task in
                after.task(task.id) == nil && !after.tasks.contains(where: { $0.formerIds.contains(task.id) })
            }.map { "\(e.id)/\($0.id)" }
        }.flatMap { $0 }
    }

    /// From how many machines they are compared on every core.
    private static let machinesInParallel = 1_024

    /// What a machine and its tasks add and change, given the machine it was (nil for a new one).
    private static func compare(_ before: Equipment?, _ e: Equipment) -> (added: [String], changed: [String]) {
        guard let before else { return (everyId(of: e), []) }
        var added: [String] = []
        var changed: [String] = []
        if !sameMachine(before, e) || before.id != e.id { changed.append(e.id) }
        for task in e.tasks {
            guard let previous = before.task(task.id) ?? before.tasks.first(where: { task.formerIds.contains($0.id) })
            else {
                added.append("\(e.id)/\(task.id)")
                continue
            }
            if !sameTask(previous, task) || previous.id != task.id { changed.append("\(e.id)/\(task.id)") }
        }
        return (added, changed)
    }

    /// A machine's id and each of its tasks' ("TW-04", "TW-04/calibration", …): what a machine added or removed
    /// adds or removes.
    private static func everyId(of e: Equipment) -> [String] {
        [e.id] + e.tasks.map { "\(e.id)/\($0.id)" }
    }

    // Compared field by field (describing them as text went through reflection: a quarter of a reload of 100,000
    // tasks).
    private static func sameMachine(_ a: Equipment, _ b: Equipment) -> Bool {
        a.name == b.name && a.line == b.line && a.location == b.location && a.inService == b.inService
            && a.commissioned == b.commissioned && a.meters == b.meters
    }

    private static func sameTask(_ a: MaintenanceTask, _ b: MaintenanceTask) -> Bool {
        a.kind == b.kind && a.title == b.title && a.procedure == b.procedure && a.instructions == b.instructions
            && a.every?.text == b.every?.text && a.anchor == b.anchor
            && a.calendar?.normalized == b.calendar?.normalized && a.meter == b.meter
            && a.leadTime.description == b.leadTime.description
            && a.tolerance.description == b.tolerance.description && a.lastDone == b.lastDone
            && a.readings == b.readings
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
