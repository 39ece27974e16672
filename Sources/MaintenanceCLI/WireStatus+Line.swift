public import MaintenanceProtocol

extension WireStatus {
    /// The counts of one line's tasks only (`maintctl status --line L`).
    public mutating func restrict(to tasks: [WireTask]) {
        func count(_ state: String) -> Int { tasks.filter { $0.state == state }.count }
        self.tasks = tasks.count
        scheduled = count("scheduled")
        upcoming = count("upcoming")
        due = count("due")
        overdue = count("overdue")
        deferred = count("deferred")
        suspended = count("suspended")
        let keys = Set(tasks.map { "\($0.equipment)/\($0.task)" })
        outOfTolerance = outOfTolerance.filter(keys.contains)
    }
}
