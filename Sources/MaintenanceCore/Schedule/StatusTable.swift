import Dispatch
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

    /// A task's new status and the next instant it changes by itself, as one of many set at once.
    struct Change: Sendable {
        var key: TaskKey
        var status: TaskStatus
        var deadline: Date?
    }

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

    /// Many statuses at once (a start, a reload, a clock change), from `minimum` changes on: the queue is then built
    /// once from every deadline, in O(n), instead of by one insertion each. When the keys are distinct and ascending
    /// (as the scheduler sets them), the entries and the keys by state are updated on two cores, each from the table
    /// as it was: at 100,000 tasks each took a tenth of a second of a start, one after the other.
    mutating func set(many changes: [Change], inParallelFrom minimum: Int = 1_024) {
        let many = changes.count >= minimum
        if many, ProcessInfo.processInfo.activeProcessorCount > 1,
            zip(changes, changes.dropFirst()).allSatisfy({ $0.key < $1.key })
        {
            setInParallel(changes)
        } else {
            settingMany = many
            for change in changes { set(change.key, change.status, deadline: change.deadline) }
            settingMany = false
        }
        if many { rebuildQueue() }
    }

    /// ``set(many:inParallelFrom:)`` for distinct keys: what each part reads of the table as it was is unchanged by
    /// the other, and each writes only its own containers.
    private mutating func setInParallel(_ changes: [Change]) {
        let before = entries
        nonisolated(unsafe) var entries = self.entries
        nonisolated(unsafe) var armedChange = 0
        nonisolated(unsafe) var counts = self.counts
        nonisolated(unsafe) var keysByState = self.keysByState
        // Each container is held once, by its part, so it is changed in place.
        self.entries = [:]
        self.keysByState = [:]
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                for change in changes {
                    let old = entries.updateValue(
                        Entry(status: change.status, deadline: change.deadline), forKey: change.key)
                    armedChange += (change.deadline == nil ? 0 : 1) - (old?.deadline == nil ? 0 : 1)
                }
            } else {
                for change in changes {
                    let previous = before[change.key]?.status.state
                    guard previous != change.status.state else { continue }
                    if let previous {
                        counts[previous.urgency] -= 1
                        keysByState[previous]?.remove(change.key)
                    }
                    counts[change.status.state.urgency] += 1
                    keysByState[change.status.state, default: []].insert(change.key)
                }
            }
        }
        self.entries = entries
        self.counts = counts
        self.keysByState = keysByState
        armed += armedChange
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
