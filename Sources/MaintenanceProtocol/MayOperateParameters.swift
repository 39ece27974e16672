/// The parameters of `MayOperate`.
public struct MayOperateParameters: Codable, Sendable {
    public var equipment: String
    public init(equipment: String) { self.equipment = equipment }
}
