/// A piece of equipment.
public struct WireEquipment: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
    public var line: String
    public var lineName: String
    public var location: String
    public var inService: Bool
    public var commissioned: String?
    public var meters: [WireMeter]
    public var tasks: [String]
    public var outOfTolerance: Bool

    public init(
        id: String, name: String, line: String, lineName: String, location: String, inService: Bool,
        commissioned: String?, meters: [WireMeter], tasks: [String], outOfTolerance: Bool
    ) {
        self.id = id
        self.name = name
        self.line = line
        self.lineName = lineName
        self.location = location
        self.inService = inService
        self.commissioned = commissioned
        self.meters = meters
        self.tasks = tasks
        self.outOfTolerance = outOfTolerance
    }
}
