public import FoundationEssentials

extension Plant {
    /// Limits on what people type: characters as people count them, bytes as storage does (600 KB of combining
    /// marks are few characters).
    public static let maxNoteCharacters = 4_000
    public static let maxReasonCharacters = 1_000
    public static let maxNameCharacters = 200
    static func maxBytes(forCharacters count: Int) -> Int { count * 4 }
    /// Instants outside these are typos (year 0000, 20260): refused.
    public static let earliestTime = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01T00:00:00Z
    public static let latestTime = Date(timeIntervalSince1970: 253_402_300_799)  // 9999-12-31T23:59:59Z
    /// How far in the future a reported time may be (clock differences between machines).
    public static let allowedClockSkew: TimeInterval = MeterReadingCheck.allowedClockSkew

    /// The equipment and task a request names (current or former ids).
    func resolve(_ reference: TaskReference) throws(MaintenanceRefusal) -> (Equipment, MaintenanceTask, TaskKey) {
        guard let equipment = configuration.equipment(reference.equipment) else {
            throw MaintenanceRefusal(.noSuchEquipment(reference.equipment))
        }
        guard let (_, task) = configuration.resolve(equipment: equipment.id, task: reference.task) else {
            throw MaintenanceRefusal(.noSuchTask(equipment: equipment.id, task: reference.task))
        }
        return (equipment, task, TaskKey(equipment: equipment.id, task: task.id))
    }

    /// A time as typed (RFC 3339, or site time), checked: plausible, not in the future, not before the equipment was
    /// commissioned.
    func time(
        _ text: String?, parameter: String, default value: Date, now: Date, equipment: Equipment?,
        future: Bool = false
    ) throws(MaintenanceRefusal) -> Date {
        guard let text else { return value }
        guard let date = Timestamp.parse(text, localZone: configuration.zone) else {
            throw .invalid(
                parameter, "\"\(text)\" is not a time such as 2026-11-24T06:30 (site time) or 2026-11-24T05:30:00Z")
        }
        guard date >= Self.earliestTime, date <= Self.latestTime else {
            throw .invalid(parameter, "\"\(text)\" is not a plausible time (years 1900 to 9999)")
        }
        if !future && date.timeIntervalSince(now) > Self.allowedClockSkew {
            throw .invalid(parameter, "\(wallClock(date)) is in the future")
        }
        if let equipment, let commissioned = equipment.commissioned, date < commissioned {
            throw .invalid(
                parameter, "\(wallClock(date)) is before \(equipment.id) was commissioned (\(wallClock(commissioned)))")
        }
        return date
    }

    /// Text a person typed (a note, a reason), trimmed and within its limits; nil when empty and optional.
    func text(
        _ value: String?, parameter: String, maxCharacters: Int, required: Bool = false
    ) throws(MaintenanceRefusal) -> String? {
        let trimmed = value?.trimmingSpacesAndNewlines() ?? ""
        if trimmed.isEmpty {
            if required { throw .invalid(parameter, "required: say why") }
            return nil
        }
        if trimmed.utf8.count > Self.maxBytes(forCharacters: maxCharacters) || trimmed.count > maxCharacters {
            throw .invalid(
                parameter,
                "longer than \(maxCharacters) characters (\(Self.maxBytes(forCharacters: maxCharacters)) bytes)")
        }
        return trimmed
    }

    /// A refusal for someone whose role is not enough, naming the groups this configuration maps to the role.
    /// Denials are announced: a lead sees who tried what.
    func refusal(
        denying action: String, to requester: Requester, role: Role, required: Role, now: Date
    ) -> MaintenanceRefusal {
        MaintenanceRefusal(
            .permissionDenied(
                action: action, user: requester.user, role: role, required: required,
                groups: required.groups(in: configuration.roles)),
            announcement: MaintenanceEvent(
                kind: .permissionDenied, at: now,
                message:
                    "\(requester.user) (uid \(requester.uid), role \(role.rawValue)) was refused \(action): it needs a \(required.rawValue)",
                details: [
                    "by": requester.user, "uid": String(requester.uid), "method": action, "role": role.rawValue,
                ]))
    }

    /// The length of the interval around an occurrence due at `due`, for percentages of it.
    func period(of task: MaintenanceTask, at due: Date) -> TimeInterval? {
        if let every = task.every { return every.advance(due, in: configuration.zone).timeIntervalSince(due) }
        if let calendar = task.calendar, let next = calendar.nextElapse(after: due) {
            return next.timeIntervalSince(due)
        }
        return nil
    }

    /// `2026-11-24 06:30` in site time, for refusals.
    func wallClock(_ date: Date) -> String { Timestamp.wallClock(date, in: configuration.zone) }

    /// The wording prefix of events about a task: "Calibration of Torque wrench TW-04".
    func subject(_ equipment: Equipment, _ task: MaintenanceTask) -> String {
        "\(task.kind.title) of \(equipment.name) \(equipment.id)"
    }

    /// An event about a record a person made.
    func recordEvent(
        _ kind: MaintenanceEventKind, _ key: TaskKey, equipment: Equipment, requester: Requester, record: Int64,
        now: Date, message: String, details: EventDetails = [:]
    ) -> MaintenanceEvent {
        let status = scheduler.statuses[key]
        return MaintenanceEvent(
            kind: kind, task: key, state: status?.state, occurrence: status?.occurrence, dueAt: status?.dueAt, at: now,
            message: message + " (\(configuration.lineName(equipment.line)))",
            details: ([
                "by": requester.user, "uid": String(requester.uid), "record": String(record), "line": equipment.line,
            ] as EventDetails).merging(details))
    }
}

extension MaintenanceRefusal {
    static func invalid(_ parameter: String, _ message: String) -> Self { Self(.invalidParameter(parameter, message)) }
}
