public import FoundationEssentials

extension Plant {
    /// Follow-up work a record opens or closes: a completion that found a problem opens one; a pass or a skip of a
    /// follow-up closes it. The same rule at start (replaying the history) and live.
    enum FollowUpChange {
        case open(FollowUp)
        /// The follow-up of this record (its task key).
        case close(record: Int64, TaskKey)
    }

    /// What a record does to follow-up work, under a configuration.
    static func followUpChange(
        _ record: RecordDraft, configuration: Configuration, open: (Int64) -> Bool
    ) -> FollowUpChange? {
        guard let equipmentId = record.equipment, let taskId = record.task else { return nil }
        if taskId.hasPrefix(FollowUp.prefix), let number = Int64(taskId.dropFirst(FollowUp.prefix.count)),
            open(number)
        {
            switch record.payload {
            case .completion(let completion) where completion.passed && !completion.needsReview:
                return .close(record: number, TaskKey(equipment: equipmentId, task: taskId))
            case .skip:
                return .close(record: number, TaskKey(equipment: equipmentId, task: taskId))
            default:
                return nil
            }
        }
        guard case .completion(let completion) = record.payload,
            let (equipment, task) = configuration.resolve(equipment: equipmentId, task: taskId),
            let followUp = FollowUp(record: record.id, equipment: equipment.id, task: task, completion: completion)
        else { return nil }
        return .open(followUp)
    }

    /// The configuration people see: the files' tasks and the open follow-up work on machines that still exist.
    static func merged(_ base: Configuration, _ followUps: some Sequence<FollowUp>) -> Configuration {
        var merged = base
        for followUp in followUps.sorted(by: { $0.record < $1.record }) {
            _ = merged.add(followUp.task, toEquipment: followUp.equipment)
        }
        return merged
    }

    /// Opens or closes follow-up work after a person's record, live: the task appears in (or leaves) the schedule at
    /// once, and its opening is announced.
    mutating func trackFollowUps(
        after record: RecordDraft, requester: Requester?, now: Date, into outcome: inout Outcome
    ) {
        guard let change = Self.followUpChange(record, configuration: configuration, open: { followUps[$0] != nil })
        else { return }
        switch change {
        case .open(let followUp):
            guard configuration.add(followUp.task, toEquipment: followUp.equipment) else { return }
            followUps[followUp.record] = followUp
            let key = TaskKey(equipment: followUp.equipment, task: followUp.id)
            carryOut(
                scheduler.tasksChanged(configuration, added: [key], removed: [], now: now), now: now, into: &outcome)
            var details: EventDetails = [
                "record": String(followUp.record), "source_task": followUp.source, "reason": followUp.reason,
                "within": followUp.within.text,
            ]
            if let nc = followUp.nonConformance { details["nc"] = nc }
            let name = configuration.equipment(followUp.equipment)?.name ?? followUp.equipment
            outcome.events.append(
                MaintenanceEvent(
                    kind: .followUpOpened, task: key, at: now,
                    message:
                        "Follow-up work \(followUp.id) opened on \(name) \(followUp.equipment) after record \(followUp.record) of \(followUp.source): \(followUp.reason)\(followUp.nonConformance.map { " (\($0))" } ?? ""); due within \(followUp.within.text)",
                    details: details))
        case .close(let number, let key):
            followUps[number] = nil
            configuration.removeTask(key)
            carryOut(
                scheduler.tasksChanged(configuration, added: [], removed: [key], now: now), now: now, into: &outcome)
        }
    }
}
