/// The parameters of `InterfaceDescription`.
public struct InterfaceDescriptionParameters: Codable, Sendable {
    public var interface: String
    public init(interface: String) { self.interface = interface }
}
