import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

extension MaintenanceService {
    static let version = ProductVersion.text

    /// Handles one call on the service queue. Identity comes from the kernel; roles from the configuration.
    func handle(_ call: VarlinkCall, from client: ClientIdentity, reply: ReplySink) {
        queue.async { [self] in
            // A command waits for a reload's records still being written (its own must come after them) without
            // holding the queue: reads are served meanwhile.
            if call.interface == MaintenanceInterface.name,
                MaintenanceInterface.declaration(of: call.method)?.records == true
            {
                afterWrites { [self] in serve(call, from: client, reply: reply) }
            } else {
                serve(call, from: client, reply: reply)
            }
        }
    }

    private func serve(_ call: VarlinkCall, from client: ClientIdentity, reply: ReplySink) {
        do throws(VarlinkError) {
            let context = RequestContext(
                client: client, role: client.role(in: configuration.roles), now: clock(), reply: reply)
            let parameters: String?
            switch call.interface {
            case "org.varlink.service": parameters = try serviceMethod(call)
            case MaintenanceInterface.name: parameters = try methods.dispatch(call, service: self, context: context)
            default: throw .interfaceNotFound(call.interface)
            }
            if let parameters, !call.oneway { _ = reply.send(VarlinkReply(parametersJSON: parameters)) }
        } catch {
            if !call.oneway { _ = reply.send(VarlinkReply(error: error)) }
        }
        if call.oneway { reply.handled() }
    }

    // MARK: Commands

    /// Carries out a command: the plant decides, the history makes it durable in one transaction, then it is
    /// announced. A refusal records nothing (a rejected meter reading is still announced).
    func execute(
        _ command: MaintenanceCommand, _ context: RequestContext
    ) throws(VarlinkError) -> (record: StoredRecord, answer: Answer) {
        var next = plant
        let outcome: Outcome
        do {
            outcome = try next.execute(command, by: context.requester, now: context.now)
        } catch {
            if let announcement = error.announcement { announce([announcement]) }
            throw VarlinkError(error)
        }
        let stored: [StoredRecord]
        do {
            stored = try commit(next, outcome)
        } catch {
            logger.error("a record could not be stored", metadata: ["error": "\(error)"])
            throw .historyUnavailable(error.description)
        }
        guard let answer = outcome.answer, let record = stored.first(where: { $0.id == answer.record }) else {
            throw .historyUnavailable("the command made no record")
        }
        return (record, answer)
    }

    /// A command answered with its record and the task's new state.
    func recordAndTask(
        _ command: MaintenanceCommand, _ context: RequestContext
    ) throws(VarlinkError) -> RecordAndTaskReply {
        try answered(command, context).reply
    }

    /// A command's reply (its record and the task's new state) with the plant's answer behind it.
    private func answered(
        _ command: MaintenanceCommand, _ context: RequestContext
    ) throws(VarlinkError) -> (reply: RecordAndTaskReply, answer: Answer) {
        let previous = plant.configuration
        let (record, answer) = try execute(command, context)
        if let key = answer.task, plant.statuses[key] == nil,
            let (equipment, task) = previous.resolve(equipment: key.equipment, task: key.task), task.dueOnce != nil
        {
            // Follow-up work this command closed has left the schedule: its last state is "closed".
            var closed = WireTask(
                TaskStatus(key: key, state: .scheduled, trigger: .once, occurrence: .never), equipment: equipment,
                task: task, configuration: previous, outOfTolerance: false, awaitingReview: nil)
            closed.state = "closed"
            return (RecordAndTaskReply(record: wireRecord(record), task: closed), answer)
        }
        return (RecordAndTaskReply(record: wireRecord(record), task: try wireTask(answer.task)), answer)
    }

    func complete(_ p: CompleteTaskParameters, _ context: RequestContext) throws(VarlinkError) -> RecordAndTaskReply {
        let command = MaintenanceCommand.complete(
            CompletionRequest(
                task: TaskReference(equipment: p.equipment, task: p.task), performedAt: p.performedAt, result: p.result,
                readings: try MethodTable.readingValues(p.readings, p.checks), note: p.note,
                onBehalfOf: p.onBehalfOf.map { Contractor(name: $0.name, company: $0.company) }, steps: p.steps ?? [:],
                nonConformance: p.nonConformance))
        let (reply, answer) = try answered(command, context)
        guard answer.failedReadings.isEmpty else {
            let encoded = (try? JSONLiteral(parsing: Array(VarlinkCoding.encode(reply.record).utf8))) ?? .null
            throw VarlinkError(
                MaintenanceInterface.name + ".ReadingOutOfRange",
                ["record": encoded, "readings": .array(answer.failedReadings.map(JSONLiteral.string))])
        }
        return reply
    }

    /// `Reload`: answered once the reload (read off the service's queue) is applied or refused.
    func reloadRequested(by context: RequestContext) {
        let reply = context.reply
        reload(requestedBy: context.client.user) { [self] errors in
            guard errors.isEmpty else {
                let list = errors.map { d in
                    JSONLiteral.object([
                        "file": .string(d.file), "line": .number(Double(d.location.line)),
                        "column": .number(Double(d.location.column)), "path": .string(d.path),
                        "message": .string(d.message),
                    ])
                }
                _ = reply.send(
                    VarlinkReply(
                        error: VarlinkError(MaintenanceInterface.name + ".ConfigRejected", ["errors": .array(list)])))
                return
            }
            _ = reply.send(
                VarlinkReply(
                    parametersJSON: VarlinkCoding.encode(
                        ReloadReply(summary: lastReloadSummary, contentHash: plant.contentHash))))
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
                    interfaces: ["org.varlink.service", MaintenanceInterface.name]))
        case "GetInterfaceDescription":
            guard case .string(let interface)? = call.parameters["interface"] else {
                throw .invalidParameterStandard("interface")
            }
            switch interface {
            case MaintenanceInterface.name:
                return VarlinkCoding.encode(InterfaceDescriptionReply(description: MaintenanceInterface.text))
            case "org.varlink.service":
                return VarlinkCoding.encode(InterfaceDescriptionReply(description: Self.serviceInterface))
            default:
                throw .interfaceNotFound(interface)
            }
        default:
            throw .methodNotFound(call.method)
        }
    }

    /// Logs a denial and returns the `PermissionDenied` error to answer with, naming the groups that give the role.
    func denied(method: String, client: ClientIdentity, role: Role, required: Role) -> VarlinkError {
        announce([
            MaintenanceEvent(
                kind: .permissionDenied, at: clock(),
                message:
                    "\(client.user) (uid \(client.uid), role \(role.rawValue)) was refused \(method): it needs a \(required.rawValue)",
                details: ["by": client.user, "uid": String(client.uid), "method": method, "role": role.rawValue])
        ])
        return .permissionDenied(
            method: method, user: client.user, role: role.rawValue, required: required.rawValue,
            groups: required.groups(in: configuration.roles))
    }
}
