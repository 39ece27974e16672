/// The parameters of `Watch`.
public struct WatchParameters: Codable, Sendable {
    public var line: String?
    public var equipment: String?
    public var kind: String?
    public init(line: String? = nil, equipment: String? = nil, kind: String? = nil) {
        self.line = line
        self.equipment = equipment
        self.kind = kind
    }
}
