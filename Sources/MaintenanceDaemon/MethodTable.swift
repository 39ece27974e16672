import Foundation
import MaintenanceCore
import MaintenanceProtocol

/// The methods the daemon serves: each declaration of ``MaintenanceInterface`` with its handler. Dispatch looks the
/// method up, checks `more` and the caller's role from the declaration, decodes the parameters once into the
/// declared type and encodes the declared reply once.
struct MethodTable: Sendable {
    typealias Handler = @Sendable (MaintenanceService, VarlinkCall, RequestContext) throws(VarlinkError) -> String?

    private var handlers: [String: (declaration: MethodDeclaration, handle: Handler)] = [:]

    /// Serves `method` with `handle`, which gets the decoded parameters and returns the reply.
    mutating func on<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>,
        _ handle: @escaping @Sendable (MaintenanceService, Parameters, RequestContext) throws(VarlinkError) -> Reply
    ) {
        encoded(method) { service, parameters, context throws(VarlinkError) in
            VarlinkCoding.encode(try handle(service, parameters, context))
        }
    }

    /// Serves `method` with a handler that returns its reply already encoded, as the declared reply type would be
    /// (ListTasks puts together tasks encoded earlier).
    mutating func encoded<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>,
        _ handle: @escaping @Sendable (MaintenanceService, Parameters, RequestContext) throws(VarlinkError) -> String
    ) {
        handlers[method.declaration.name] = (
            method.declaration,
            { service, call, context throws(VarlinkError) in
                try handle(
                    service, try VarlinkCoding.decode(Parameters.self, from: call.parameters, method: call.method),
                    context)
            }
        )
    }

    /// Serves a method whose handler sends its replies itself (a stream, or an answer that comes later).
    mutating func replying<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>,
        _ handle: @escaping @Sendable (MaintenanceService, Parameters, RequestContext) throws(VarlinkError) -> Void
    ) {
        handlers[method.declaration.name] = (
            method.declaration,
            { service, call, context throws(VarlinkError) in
                try handle(
                    service, try VarlinkCoding.decode(Parameters.self, from: call.parameters, method: call.method),
                    context)
                return nil
            }
        )
    }

    /// The names of the declared methods without a handler (a test keeps this empty).
    var unserved: [String] { MaintenanceInterface.methods.map(\.name).filter { handlers[$0] == nil } }

    /// Serves one call of `io.maintd.Maintenance`: the reply's parameters, or nil when the method replied itself.
    func dispatch(
        _ call: VarlinkCall, service: MaintenanceService, context: RequestContext
    ) throws(VarlinkError) -> String? {
        // The plant and the history are confined to the service's queue.
        dispatchPrecondition(condition: .onQueue(service.queue))
        guard let (declaration, handle) = handlers[call.name] else { throw .methodNotFound(call.method) }
        // maintd offers no protocol to upgrade a connection to.
        if call.upgrade { throw .invalidParameterStandard("upgrade") }
        if declaration.streams && !call.more && !call.oneway { throw .expectedMore }
        guard context.role >= declaration.role else {
            throw service.denied(
                method: declaration.name, client: context.client, role: context.role, required: declaration.role)
        }
        // "oneway" asks for no reply at all, even with "more": a stream nobody reads is not started.
        if call.oneway && declaration.streams { return nil }
        return try handle(service, call, context)
    }
}
