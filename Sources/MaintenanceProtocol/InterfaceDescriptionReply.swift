/// The reply of `InterfaceDescription`.
public struct InterfaceDescriptionReply: Codable, Sendable {
    public var description: String
    public init(description: String) { self.description = description }
}
