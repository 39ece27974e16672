import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

/// Sends replies to one call: once, or several times for `Watch`.
struct ReplySink: Sendable {
    /// Sends a reply; returns false when the client is gone (watchers are then dropped).
    var send: @Sendable (VarlinkReply) -> Bool
}

extension MaintenanceService {
    static let version = "0.1.0"

    /// Handles one call on the service queue. Identity comes from the kernel; roles from the configuration.
    func handle(_ call: VarlinkCall, from client: ClientIdentity, reply: ReplySink) {
        queue.async { [self] in
            do throws(VarlinkError) {
                if let parameters = try dispatch(call, client: client, reply: reply) {
                    if !call.oneway { _ = reply.send(VarlinkReply(parametersJSON: parameters)) }
                }
            } catch {
                if !call.oneway { _ = reply.send(VarlinkReply(error: error)) }
            }
        }
    }

    /// Returns the reply's parameters, or nil when the method replies by itself (Watch).
    private func dispatch(
        _ call: VarlinkCall, client: ClientIdentity, reply: ReplySink
    ) throws(VarlinkError)
        -> String?
    {
        switch call.interface {
        case "org.varlink.service":
            return try serviceMethod(call)
        case InterfaceDefinition.name:
            break
        default:
            throw .interfaceNotFound(call.interface)
        }
        guard InterfaceDefinition.parameterNames(of: call.method) != nil else { throw .methodNotFound(call.method) }
        try authorize(call.name, client: client)
        let now = Date()
        func decode<T: Decodable>(_ type: T.Type) throws(VarlinkError) -> T {
            try VarlinkCoding.decode(type, from: call.parameters, method: call.method)
        }
        switch call.name {
        case "GetStatus":
            _ = try decode(NoParameters.self)
            return VarlinkCoding.encode(GetStatusReply(status: status(now: now)))
        case "ListEquipment":
            return VarlinkCoding.encode(try listEquipment(decode(ListEquipmentParameters.self)))
        case "ListTasks":
            return VarlinkCoding.encode(try listTasks(decode(ListTasksParameters.self), now: now))
        case "GetTask":
            return VarlinkCoding.encode(try getTask(decode(GetTaskParameters.self)))
        case "CompleteTask":
            return VarlinkCoding.encode(try complete(decode(CompleteTaskParameters.self), client: client, now: now))
        case "CorrectRecord":
            return VarlinkCoding.encode(try correct(decode(CorrectRecordParameters.self), client: client, now: now))
        case "DeferTask":
            return VarlinkCoding.encode(try defer_(decode(DeferTaskParameters.self), client: client, now: now))
        case "SkipOccurrence":
            return VarlinkCoding.encode(try skip(decode(SkipOccurrenceParameters.self), client: client, now: now))
        case "RecordMeter":
            return VarlinkCoding.encode(try recordMeter(decode(RecordMeterParameters.self), client: client, now: now))
        case "History":
            return VarlinkCoding.encode(try history(decode(HistoryParameters.self)))
        case "Watch":
            guard call.more else { throw .expectedMore }
            try watch(decode(WatchParameters.self), reply: reply, now: now)
            return nil
        case "Reload":
            _ = try decode(NoParameters.self)
            let errors = reload(requestedBy: client.user)
            guard errors.isEmpty else {
                let list = errors.map { d in
                    JSONLiteral.object([
                        "file": .string(d.file), "line": .number(Double(d.location.line)),
                        "column": .number(Double(d.location.column)), "path": .string(d.path),
                        "message": .string(d.message),
                    ])
                }
                throw VarlinkError(InterfaceDefinition.name + ".ConfigRejected", ["errors": .array(list)])
            }
            return VarlinkCoding.encode(ReloadReply(summary: lastReloadSummary, contentHash: loaded.contentHash))
        default:
            throw .methodNotFound(call.method)
        }
    }

    // MARK: org.varlink.service

    private static let serviceInterface = """
        interface org.varlink.service
        method GetInfo() -> (vendor: string, product: string, version: string, url: string, interfaces: []string)
        method GetInterfaceDescription(interface: string) -> (description: string)
        error InterfaceNotFound (interface: string)
        error MethodNotFound (method: string)
        error MethodNotImplemented (method: string)
        error InvalidParameter (parameter: string)
        error PermissionDenied ()
        error ExpectedMore ()
        """

    private func serviceMethod(_ call: VarlinkCall) throws(VarlinkError) -> String {
        switch call.name {
        case "GetInfo":
            return VarlinkCoding.encode(
                ServiceInfo(
                    vendor: "maintd", product: "maintd preventive maintenance scheduler", version: Self.version,
                    url: "https://github.com/maintd/maintd",
                    interfaces: ["org.varlink.service", InterfaceDefinition.name]))
        case "GetInterfaceDescription":
            guard case .string(let interface)? = call.parameters["interface"] else {
                throw .invalidParameterStandard("interface")
            }
            switch interface {
            case InterfaceDefinition.name:
                return VarlinkCoding.encode(InterfaceDescriptionReply(description: InterfaceDefinition.text))
            case "org.varlink.service":
                return VarlinkCoding.encode(InterfaceDescriptionReply(description: Self.serviceInterface))
            default:
                throw .interfaceNotFound(interface)
            }
        default:
            throw .methodNotFound(call.method)
        }
    }

    // MARK: Who may do what

    private static let leadMethods: Set<String> = ["DeferTask", "SkipOccurrence", "Reload"]

    private func authorize(_ method: String, client: ClientIdentity) throws(VarlinkError) {
        let role = client.role(in: configuration.roles)
        let required: ClientRole = Self.leadMethods.contains(method) ? .lead : .technician
        guard role < required else { return }
        throw denied(method: method, client: client, role: role, required: required)
    }

    /// Logs a denial and returns the `PermissionDenied` error to answer with.
    func denied(method: String, client: ClientIdentity, role: ClientRole, required: ClientRole) -> VarlinkError {
        announce([
            MaintenanceEvent(
                kind: .permissionDenied, at: Date(),
                message:
                    "\(client.user) (uid \(client.uid), role \(role.rawValue)) was refused \(method): it needs a \(required.rawValue)",
                details: ["by": client.user, "uid": String(client.uid), "method": method, "role": role.rawValue])
        ])
        return .permissionDenied(method: method, user: client.user, role: role.rawValue, required: required.rawValue)
    }
}
