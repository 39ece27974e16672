/// `org.varlink.service.GetInfo`'s reply.
public struct ServiceInfo: Codable, Sendable {
    public var vendor: String
    public var product: String
    public var version: String
    public var url: String
    public var interfaces: [String]
    public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
        self.interfaces = interfaces
    }
}
