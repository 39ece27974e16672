import MaintenanceProtocol

/// Sends replies to one call: once, or several times for `Watch`.
struct ReplySink: Sendable {
    /// Sends a reply; returns false when the client is gone (watchers are then dropped).
    var send: @Sendable (VarlinkReply) -> Bool
    /// Called once the service has handled a oneway call (it sends nothing), so the connection may go on.
    var handled: @Sendable () -> Void = {}
}
