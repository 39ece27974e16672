public import FoundationEssentials

extension Plant {
    /// A new configuration (already validated) replaces the old one. Removing tasks that have open work or history
    /// is announced at warning priority, by name.
    public mutating func reload(
        _ new: Configuration, contentHash: String, sources: [ConfigurationText] = [], requestedBy who: String,
        now: Date
    ) -> Outcome {
        // Open follow-up work stays, on the machines that are still there.
        baseConfiguration = new
        let new = Self.merged(new, followUps.values)
        for (record, followUp) in followUps where new.equipment(followUp.equipment)?.id != followUp.equipment {
            followUps[record] = nil
        }
        let diff = ConfigurationDiff(from: configuration, to: new)
        var losing: [String] = []
        for id in diff.removed {
            guard let key = TaskKey(id),
                let (equipment, task) = configuration.resolve(equipment: key.equipment, task: key.task)
            else { continue }
            var what: [String] = []
            if let state = scheduler.statuses[key]?.state, state == .due || state == .overdue {
                what.append(state.rawValue)
            }
            let completions = configuration.historyKeys(of: equipment, task).reduce(0) {
                $0 + (history.completions[$1]?.count ?? 0)
            }
            if completions > 0 { what.append("\(completions) completion\(completions == 1 ? "" : "s") in its history") }
            if !what.isEmpty { losing.append("\(key) (\(what.joined(separator: ", ")))") }
        }
        configuration = new
        self.contentHash = contentHash
        self.sources = sources
        var outcome = Outcome()
        appendRevision(summary: diff.description, now: now, to: &outcome)
        carryOut(scheduler.configLoaded(new, now: now), now: now, into: &outcome)
        refreshToleranceOfEveryTask()
        var events = [
            MaintenanceEvent(
                kind: .configReloaded, at: now, message: "Configuration reloaded: \(diff)",
                details: [
                    "requested_by": who, "added": diff.added.joined(separator: ","),
                    "removed": diff.removed.joined(separator: ","), "changed": diff.changed.joined(separator: ","),
                    "content_hash": contentHash,
                ])
        ]
        if !losing.isEmpty {
            events.append(
                MaintenanceEvent(
                    kind: .tasksRemoved, at: now,
                    message:
                        "Reload removed tasks with open work or history: \(losing.joined(separator: "; ")). Their history is kept; if they were renamed, list the old id in \"formerIds\"",
                    details: ["requested_by": who, "removed": losing.joined(separator: "; ")]))
        }
        outcome.events.insert(contentsOf: events, at: 0)
        return outcome
    }
}
