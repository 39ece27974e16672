import HashTreeCollections

/// Every task's status by key: a read-only view of the scheduler's table, which keeps each task's next deadline in
/// the same entry.
public struct TaskStatuses: Sendable, Equatable {
    let entries: TreeDictionary<TaskKey, StatusTable.Entry>

    public subscript(key: TaskKey) -> TaskStatus? { entries[key]?.status }

    public var count: Int { entries.count }

    public var isEmpty: Bool { entries.isEmpty }

    public var keys: some Collection<TaskKey> { entries.keys }

    /// Equal when every task has the same status (the deadlines beside them are the scheduler's own bookkeeping).
    public static func == (a: TaskStatuses, b: TaskStatuses) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b[$0.key] == $0.value.status }
    }
}
