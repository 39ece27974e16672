extension Configuration {
    /// The equipment and task a request names, by current or former ids.
    public func resolve(equipment equipmentId: String, task taskId: String) -> (Equipment, MaintenanceTask)? {
        guard let equipment = equipment(equipmentId),
            let task = equipment.task(taskId) ?? equipment.tasks.first(where: { $0.formerIds.contains(taskId) })
        else { return nil }
        return (equipment, task)
    }

    /// The current key of a task named by current or former ids, if it is still configured.
    public func currentKey(_ key: TaskKey) -> TaskKey? {
        resolve(equipment: key.equipment, task: key.task).map { TaskKey(equipment: $0.0.id, task: $0.1.id) }
    }

    /// Every key a task's records may be stored under: its current ids and every combination of former ones.
    public func historyKeys(of equipment: Equipment, _ task: MaintenanceTask) -> [TaskKey] {
        ([equipment.id] + equipment.formerIds).flatMap { e in
            ([task.id] + task.formerIds).map { TaskKey(equipment: e, task: $0) }
        }
    }

    /// Every equipment id a machine's records may be stored under.
    public func historyIds(of equipment: Equipment) -> [String] { [equipment.id] + equipment.formerIds }
}
