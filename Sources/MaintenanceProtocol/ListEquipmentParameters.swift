/// The parameters of `ListEquipment`.
public struct ListEquipmentParameters: Codable, Sendable {
    public var line: String?
    public init(line: String? = nil) { self.line = line }
}
