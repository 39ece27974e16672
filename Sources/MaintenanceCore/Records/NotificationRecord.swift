/// An announcement made (the notification ledger).
public struct NotificationRecord: Sendable, Equatable, Codable {
    public var event: MaintenanceEventKind
    /// The occurrence (and deferral) the state refers to, in ``AnnouncementKey``'s text form.
    public var occurrence: String
    public var state: DueState
    public var message: String

    public init(event: MaintenanceEventKind, occurrence: String, state: DueState, message: String) {
        self.event = event
        self.occurrence = occurrence
        self.state = state
        self.message = message
    }
}

/// Announcements made together (the catch-up of a start, or tasks crossing a threshold at the same instant): one
/// record of kind `notification` for them all, instead of one per task. A large plant's first start announces tens
/// of thousands of tasks; one record per announcement was most of the time it took to write and read its history.
public struct AnnouncementsRecord: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var task: TaskKey
        public var notification: NotificationRecord

        public init(task: TaskKey, notification: NotificationRecord) {
            self.task = task
            self.notification = notification
        }
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// `{"announcements":[{"equipment":…,"event":…,"message":…,"occurrence":…,"state":…,"task":…},…]}`: keys sorted
    /// as everywhere in the history, written directly (an encoder took a tenth of a millisecond per entry).
    func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * 160)
        out += Array(#"{"announcements":["#.utf8)
        for (index, entry) in entries.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            let fields: [(String, String)] = [
                ("equipment", entry.task.equipment), ("event", entry.notification.event.rawValue),
                ("message", entry.notification.message), ("occurrence", entry.notification.occurrence),
                ("state", entry.notification.state.rawValue), ("task", entry.task.task),
            ]
            out.append(UInt8(ascii: "{"))
            for (number, (key, value)) in fields.enumerated() {
                if number > 0 { out.append(UInt8(ascii: ",")) }
                JSONText.appendQuoted(key, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONText.appendQuoted(value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
        out += Array("]}".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a notification payload is of this form rather than a single announcement's.
    static func isBatch(_ json: String) -> Bool {
        json.utf8.starts(with: #"{"announcements":"#.utf8)
    }

    /// Reads the form ``encoded()`` writes (any spacing or key order; every field required, nothing else allowed).
    static func decode(_ json: String) throws -> AnnouncementsRecord {
        func wrong(_ what: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: [], debugDescription: "announcements: \(what)"))
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(Array(json.utf8))
        } catch {
            throw wrong("\(error)")
        }
        guard case .object(let members) = root.value, members.count == 1, members[0].key == "announcements",
            case .array(let items) = members[0].value.value
        else { throw wrong("expected one member, an array named announcements") }
        return AnnouncementsRecord(
            entries: try items.enumerated().map { number, item in
                guard case .object(let members) = item.value, members.count == 6 else {
                    throw wrong("entry \(number + 1) is not an object of six fields")
                }
                var text: [String: String] = [:]
                for member in members {
                    guard case .string(let value) = member.value.value, text[member.key] == nil else {
                        throw wrong("entry \(number + 1): \(member.key) is not a single string")
                    }
                    text[member.key] = value
                }
                guard let equipment = text["equipment"], let task = text["task"], let message = text["message"],
                    let occurrence = text["occurrence"],
                    let event = text["event"].flatMap(MaintenanceEventKind.init(rawValue:)),
                    let state = text["state"].flatMap(DueState.init(rawValue:))
                else { throw wrong("entry \(number + 1) lacks a field or has an unknown event or state") }
                return Entry(
                    task: TaskKey(equipment: equipment, task: task),
                    notification: NotificationRecord(
                        event: event, occurrence: occurrence, state: state, message: message))
            })
    }
}
