public import FoundationEssentials

/// The first time maintd saw a task in a configuration.
///
/// Tasks first seen together (a configuration's new tasks, 100,000 of them at a large plant's first start) are one
/// record that lists them; a record of one task names it in its own columns, as every first sighting did before.
public struct FirstSeenRecord: Sendable, Equatable, Codable {
    public var at: Date
    /// The tasks first seen together; nil when the record's own columns name its one task.
    public var tasks: [TaskKey]?

    public init(at: Date, tasks: [TaskKey]? = nil) {
        self.at = at
        self.tasks = tasks
    }

    enum CodingKeys: String, CodingKey {
        case at
        case tasks
    }

    /// Tasks are written as `["EQUIPMENT","TASK"]` pairs: compact, and as readable as the ids themselves.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(at, forKey: .at)
        try container.encodeIfPresent(tasks?.map { [$0.equipment, $0.task] }, forKey: .tasks)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        at = try container.decode(Date.self, forKey: .at)
        guard let pairs = try container.decodeIfPresent([[String]].self, forKey: .tasks) else {
            tasks = nil
            return
        }
        tasks = try pairs.map { pair in
            guard pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                throw DecodingError.dataCorruptedError(
                    forKey: .tasks, in: container,
                    debugDescription: "a task first seen is not an [\"EQUIPMENT\",\"TASK\"] pair: \(pair)")
            }
            return TaskKey(equipment: pair[0], task: pair[1])
        }
    }
}
