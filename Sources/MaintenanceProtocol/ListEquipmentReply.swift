/// The reply of `ListEquipment`.
public struct ListEquipmentReply: Codable, Sendable {
    public var equipment: [WireEquipment]
    public init(equipment: [WireEquipment]) { self.equipment = equipment }
}
