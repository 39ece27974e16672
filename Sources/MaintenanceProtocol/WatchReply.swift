/// The reply of `Watch`.
public struct WatchReply: Codable, Sendable {
    public var event: WireEvent
    public init(event: WireEvent) { self.event = event }
}
