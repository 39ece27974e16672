/// A typed Varlink error: its qualified name and parameters.
public struct VarlinkError: Error, Sendable, CustomStringConvertible {
    /// e.g. `io.maintd.Maintenance.NoSuchTask`.
    public var name: String
    /// The error's parameters as a JSON object.
    public var parameters: [String: JSONLiteral]

    public init(_ name: String, _ parameters: [String: JSONLiteral] = [:]) {
        self.name = name
        self.parameters = parameters
    }

    /// The short name ("NoSuchTask").
    public var shortName: String { String(name.split(separator: ".").last ?? Substring(name)) }

    public var description: String {
        parameters.isEmpty ? name : "\(name) \(JSONLiteral.object(parameters).serialized)"
    }

    // Standard errors of org.varlink.service.
    public static func methodNotFound(_ method: String) -> Self {
        Self("org.varlink.service.MethodNotFound", ["method": .string(method)])
    }
    public static func interfaceNotFound(_ interface: String) -> Self {
        Self("org.varlink.service.InterfaceNotFound", ["interface": .string(interface)])
    }
    public static func invalidParameterStandard(_ parameter: String) -> Self {
        Self("org.varlink.service.InvalidParameter", ["parameter": .string(parameter)])
    }
    public static let expectedMore = Self("org.varlink.service.ExpectedMore")

    // io.maintd.Maintenance errors.
    static let prefix = "io.maintd.Maintenance."
    public static func invalidParameter(_ parameter: String, _ reason: String) -> Self {
        Self(prefix + "InvalidParameter", ["parameter": .string(parameter), "reason": .string(reason)])
    }
    public static func noSuchEquipment(_ equipment: String) -> Self {
        Self(prefix + "NoSuchEquipment", ["equipment": .string(equipment)])
    }
    public static func noSuchTask(_ equipment: String, _ task: String) -> Self {
        Self(prefix + "NoSuchTask", ["equipment": .string(equipment), "task": .string(task)])
    }
    public static func noSuchMeter(_ equipment: String, _ meter: String) -> Self {
        Self(prefix + "NoSuchMeter", ["equipment": .string(equipment), "meter": .string(meter)])
    }
    public static func noSuchRecord(_ record: Int64) -> Self {
        Self(prefix + "NoSuchRecord", ["record": .number(Double(record))])
    }
    public static func permissionDenied(
        method: String, user: String, role: String, required: String, groups: [String]
    ) -> Self {
        Self(
            prefix + "PermissionDenied",
            [
                "method": .string(method), "user": .string(user), "role": .string(role), "required": .string(required),
                "groups": .array(groups.map(JSONLiteral.string)),
            ])
    }
    public static func meterReadingRejected(_ equipment: String, _ meter: String, _ reason: String) -> Self {
        Self(
            prefix + "MeterReadingRejected",
            [
                "equipment": .string(equipment), "meter": .string(meter), "reason": .string(reason),
            ])
    }
    public static func historyUnavailable(_ reason: String) -> Self {
        Self(prefix + "HistoryUnavailable", ["reason": .string(reason)])
    }
}
