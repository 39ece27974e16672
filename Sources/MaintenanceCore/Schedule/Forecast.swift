public import FoundationEssentials

/// What becomes due in a window, as if nothing had been done since each task's `lastDone`: leads use it to preview a
/// configuration before reloading it.
public enum Forecast {
    /// Occurrences due before `until`, assuming each is done exactly when due; meter tasks are not included (without
    /// readings their dates cannot be known) and are returned separately.
    public static func occurrences(
        _ configuration: Configuration, from: Date, until: Date
    )
        -> (entries: [ForecastEntry], meterTasks: [TaskKey])
    {
        let evaluator = TaskEvaluator(configuration, defaultFirstSeen: from)
        var entries: [ForecastEntry] = []
        var meterTasks: [TaskKey] = []
        for (equipment, task) in configuration.tasks {
            let key = TaskKey(equipment: equipment.id, task: task.id)
            guard task.every != nil || task.calendar != nil else {
                meterTasks.append(key)
                continue
            }
            // Time triggers only: a meter trigger without readings would claim "due at 0 + N units".
            var timeOnly = task
            timeOnly.meter = nil
            var history = MaintenanceHistory()
            var first = true
            var lastDue: Date?
            // Bounded: even a minutely task cannot produce more than this in a forecast.
            for index in 0..<10_000 {
                let status = evaluator.evaluate(timeOnly, of: equipment, history: history, now: first ? from : lastDue!)
                guard let due = status.dueAt, due < until, due != lastDue else { break }
                if due >= from || first {
                    entries.append(
                        ForecastEntry(
                            task: key, dueAt: due, stateAtStart: first ? status.state : .scheduled,
                            trigger: status.trigger, move: status.dueMove))
                }
                if status.state == .suspended { break }
                history.add(Completion(id: Int64(index), task: key, performedAt: due, passed: true))
                first = false
                lastDue = due
            }
        }
        entries.sort { ($0.dueAt, $0.task) < ($1.dueAt, $1.task) }
        return (entries, meterTasks)
    }
}
