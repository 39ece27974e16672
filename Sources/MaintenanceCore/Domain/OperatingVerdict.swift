public import FoundationEssentials

/// Whether a piece of equipment may run, and what stops it: the answer of the machine gate (`maintctl gate`,
/// `MayOperate`).
public struct OperatingVerdict: Sendable, Equatable {
    /// Why the equipment may not run.
    public enum Reason: Sendable, Equatable {
        /// A task that blocks operation is overdue: past its due instant plus tolerance since `since`.
        case overdue(TaskKey, since: Date)
        /// The latest completion of a task that blocks operation failed (record `record`, performed at `at`) and
        /// no pass came after it.
        case failed(TaskKey, record: Int64, at: Date)
        /// The equipment is out of service: its maintenance is suspended, so it must not run.
        case outOfService

        /// The task concerned, if any.
        public var task: TaskKey? {
            switch self {
            case .overdue(let key, _), .failed(let key, _, _): key
            case .outOfService: nil
            }
        }
    }

    public var equipment: String
    /// Empty when the equipment may run.
    public var reasons: [Reason]
    /// The tasks of this equipment that block operation, whether they block it now or not.
    public var blockingTasks: [TaskKey]

    public var mayOperate: Bool { reasons.isEmpty }
}

extension Plant {
    /// Whether `equipment` (its id or a former one) may run now: not when it is out of service, nor while a task of
    /// it marked `blocksOperation` is overdue or awaits a retest after a failed completion. A deferral is a lead's
    /// recorded decision to keep running, so a deferred task is not overdue; a failed completion blocks until a pass
    /// even when the retest is deferred (deferring does not make a gauge good). A task that is merely due (within its
    /// tolerance) does not block. Nil for equipment the configuration does not have.
    public func operatingVerdict(equipment id: String) -> OperatingVerdict? {
        guard let equipment = configuration.equipment(id) else { return nil }
        var reasons: [OperatingVerdict.Reason] = []
        if !equipment.inService { reasons.append(.outOfService) }
        var blocking: [TaskKey] = []
        for task in equipment.tasks where task.blocksOperation {
            let key = TaskKey(equipment: equipment.id, task: task.id)
            blocking.append(key)
            guard let status = statuses[key] else { continue }
            if let failed = status.awaitingRetest {
                reasons.append(.failed(key, record: failed.id, at: failed.performedAt))
            } else if status.state == .overdue {
                reasons.append(.overdue(key, since: status.overdueAt ?? status.dueAt ?? .distantPast))
            }
        }
        return OperatingVerdict(equipment: equipment.id, reasons: reasons, blockingTasks: blocking)
    }
}

extension OperatingVerdict.Reason {
    /// "Light curtain (P1/curtain) is overdue since 2026-11-24 06:00": in site time, for the people at the machine.
    public func sentence(in configuration: Configuration) -> String {
        let title = task.flatMap { configuration.resolve(equipment: $0.equipment, task: $0.task)?.1.title }
        let subject = task.map { "\(title ?? $0.task) (\($0))" } ?? ""
        switch self {
        case .overdue(_, let since):
            return "\(subject) is overdue since \(Timestamp.wallClock(since, in: configuration.zone))"
        case .failed(_, let record, let at):
            return
                "\(subject) failed at \(Timestamp.wallClock(at, in: configuration.zone)) (record #\(record)) and awaits a passing retest"
        case .outOfService:
            return "the equipment is out of service"
        }
    }
}
