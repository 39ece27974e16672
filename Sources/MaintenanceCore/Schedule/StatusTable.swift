public import FoundationEssentials
public import HashTreeCollections

/// Every task's status, with what requests ask of the statuses kept up to date as they change: how many tasks are in
/// each state, which tasks are in a state, and the next instant any task changes by itself. None of these scans the
/// plant, so a request costs the same at 100 or 100,000 tasks. Every container shares structure between copies
/// (hash tries and a persistent heap), so a copy of the plant changed by one command costs O(log n), not O(n).
struct StatusTable: Sendable {
    /// Every task's status, with the next instant it changes by itself (overdue reminders included) as last set,
    /// cleared once it expired. One entry holds both: a second trie of deadlines cost about 120 bytes a task.
    private var entries: TreeDictionary<TaskKey, Entry> = [:]
    private var counts = [Int](repeating: 0, count: DueState.allCases.count)
    private(set) var keysByState: [DueState: TreeSet<TaskKey>] = [:]
    /// How many entries have a deadline.
    private var armed = 0
    /// The deadlines in time order. A task's entry is not removed when its deadline moves: it is dropped when it
    /// comes to the top and no longer matches, so a change is one insertion. The top is always current.
    private var queue = PersistentHeap<Deadline>()

    struct Entry: Sendable {
        var status: TaskStatus
        @PackedInstant var deadline: Date?
    }

    private struct Deadline: Comparable, Sendable {
        let at: Date
        let key: TaskKey

        static func < (a: Deadline, b: Deadline) -> Bool { a.at != b.at ? a.at < b.at : a.key < b.key }
    }

    var statuses: TaskStatuses { TaskStatuses(entries: entries) }

    /// While many statuses are set at once, the queue is rebuilt once at the end rather than grown one by one.
    private var settingMany = false

    /// The earliest deadline of any task.
    var next: Date? { queue.min?.at }

    func count(_ state: DueState) -> Int { counts[state.urgency] }

    func keys(in state: DueState) -> TreeSet<TaskKey> { keysByState[state] ?? [] }

    /// A task's new status and the next instant it changes by itself.
    mutating func set(_ key: TaskKey, _ status: TaskStatus, deadline: Date?) {
        let old = entries.updateValue(Entry(status: status, deadline: deadline), forKey: key)
        let previous = old?.status.state
        if previous != status.state {
            if let previous { leave(previous, key) }
            counts[status.state.urgency] += 1
            keysByState[status.state, default: []].insert(key)
        }
        guard old?.deadline != deadline else { return }
        armed += (deadline == nil ? 0 : 1) - (old?.deadline == nil ? 0 : 1)
        guard !settingMany else { return }
        if let deadline { queue.insert(Deadline(at: deadline, key: key)) }
        tidy()
    }

    /// Before many statuses are set (a start, a reload, a clock change): the queue is then built once from every
    /// deadline, in O(n), by ``endSettingMany()``, instead of by one insertion each.
    mutating func beginSettingMany() { settingMany = true }

    mutating func endSettingMany() {
        settingMany = false
        rebuildQueue()
    }

    /// A task that is no longer in the configuration.
    mutating func remove(_ key: TaskKey) {
        guard let old = entries.removeValue(forKey: key) else { return }
        leave(old.status.state, key)
        if old.deadline != nil { armed -= 1 }
        tidy()
    }

    /// The tasks whose deadline is at or before `now`, each once; their deadlines are cleared until they are set
    /// again.
    mutating func expired(at now: Date) -> [TaskKey] {
        var keys: [TaskKey] = []
        while let top = queue.min, top.at <= now {
            queue.removeMin()
            if entries[top.key]?.deadline == top.at {
                entries[top.key]?.deadline = nil
                armed -= 1
                keys.append(top.key)
            }
        }
        tidy()
        return keys
    }

    private mutating func leave(_ state: DueState, _ key: TaskKey) {
        counts[state.urgency] -= 1
        keysByState[state]?.remove(key)
    }

    private mutating func rebuildQueue() {
        queue = PersistentHeap(
            entries.compactMap { entry in entry.value.deadline.map { Deadline(at: $0, key: entry.key) } })
    }

    /// Drops outdated entries from the top, and rebuilds the queue once outdated entries outnumber current ones.
    private mutating func tidy() {
        if queue.count > 2 * armed + 1_024 { rebuildQueue() }
        while let top = queue.min, entries[top.key]?.deadline != top.at { queue.removeMin() }
    }
}
