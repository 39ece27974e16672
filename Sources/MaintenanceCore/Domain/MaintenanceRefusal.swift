/// Why a command was refused, as a sentence a technician or lead can act on. Nothing was recorded.
public struct MaintenanceRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of refusal (the wire maps each to a typed error).
    public enum Reason: Sendable, Equatable {
        case noSuchEquipment(String)
        case noSuchTask(equipment: String, task: String)
        case noSuchMeter(equipment: String, meter: String)
        case noSuchRecord(Int64)
        case noSuchLine(String, known: [String])
        /// A parameter (named as on the wire) that cannot be accepted, and why.
        case invalidParameter(String, String)
        case permissionDenied(action: String, user: String, role: Role, required: Role, groups: [String])
        case meterReadingRejected(equipment: String, meter: String, reason: String)
    }

    public var reason: Reason
    /// What to announce although nothing was recorded (a rejected meter reading).
    public var announcement: MaintenanceEvent?

    public init(_ reason: Reason, announcement: MaintenanceEvent? = nil) {
        self.reason = reason
        self.announcement = announcement
    }

    public var description: String {
        switch reason {
        case .noSuchEquipment(let id): "no equipment \"\(id)\""
        case .noSuchTask(let equipment, let task): "no task \"\(task)\" on \(equipment)"
        case .noSuchMeter(let equipment, let meter): "\(equipment) has no meter \"\(meter)\""
        case .noSuchRecord(let id): "there is no record \(id)"
        case .noSuchLine(let id, let known): "no line \"\(id)\"; lines: \(known.joined(separator: ", "))"
        case .invalidParameter(let parameter, let message): "\(parameter): \(message)"
        case .permissionDenied(let action, let user, let role, let required, let groups):
            "\(action) needs a \(required.rawValue); \(user) is \(role == .none ? "in no maintd role" : "a \(role.rawValue)")"
                + (groups.isEmpty ? "" : " (\(required.rawValue)s are members of \(groups.joined(separator: " or ")))")
        case .meterReadingRejected(let equipment, let meter, let message):
            "meter reading for \(equipment) \(meter) rejected: \(message)"
        }
    }
}
