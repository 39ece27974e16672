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

extension FirstSeenRecord {
    /// `{"at":N}` or `{"at":N,"tasks":[["EQUIPMENT","TASK"],…]}` written directly, byte for byte what the encoder
    /// writes (tested): a large plant's first start lists 100,000 tasks, which the encoder took a fifth of a second of
    /// CPU and a tree of arrays for.
    func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(32 + (tasks?.count ?? 0) * 32)
        out += Array(#"{"at":\#(at.microsecondsSinceEpoch)"#.utf8)
        if let tasks {
            out += Array(#","tasks":["#.utf8)
            for (index, key) in tasks.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "["))
                JSONText.appendQuoted(key.equipment, to: &out)
                out.append(UInt8(ascii: ","))
                JSONText.appendQuoted(key.task, to: &out)
                out.append(UInt8(ascii: "]"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads a first sighting as the encoder writes it (`{"at":N}`, or `{"at":N,"tasks":[["E","T"],…]}`), nil for
    /// any other spelling or an empty id (which the decoder reads, or refuses, instead): a large plant's first start
    /// records 100,000 tasks first seen together, which the decoder took a tenth of a second for.
    static func readCanonical(_ json: String) -> FirstSeenRecord? {
        CanonicalJSONReader.read(json) { reader in
            guard reader.skip(#"{"at":"#), let microseconds = reader.integer() else { return nil }
            let at = Date(microsecondsSinceEpoch: microseconds)
            if reader.skip("}") { return FirstSeenRecord(at: at) }
            guard reader.skip(#","tasks":["#),
                let tasks = reader.elements({ reader -> TaskKey? in
                    guard reader.skip("["), let equipment = reader.string(), !equipment.isEmpty, reader.skip(","),
                        let task = reader.string(), !task.isEmpty, reader.skip("]")
                    else { return nil }
                    return TaskKey(equipment: equipment, task: task)
                }),
                reader.skip("}")
            else { return nil }
            return FirstSeenRecord(at: at, tasks: tasks)
        }
    }
}
