import Foundation
import MaintenanceCore

/// One call being served: who asks (as the kernel vouched), with which role, when, and where replies go.
struct RequestContext: Sendable {
    var client: ClientIdentity
    var role: Role
    var now: Date
    var reply: ReplySink

    var requester: Requester {
        Requester(user: client.user, uid: client.uid, groups: client.groups, name: client.name)
    }
}
