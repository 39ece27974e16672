/// The reply of `GetStatus`.
public struct GetStatusReply: Codable, Sendable {
    public var status: WireStatus
    public init(status: WireStatus) { self.status = status }
}
