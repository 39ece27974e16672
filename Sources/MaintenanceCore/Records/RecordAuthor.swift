/// Who made a record: the Unix user the kernel vouched for (never what a client claimed).
public struct RecordAuthor: Sendable, Equatable, Codable {
    public var user: String
    public var uid: UInt32

    public init(user: String, uid: UInt32) {
        self.user = user
        self.uid = uid
    }

    /// maintd itself (configuration revisions, notifications, first sightings).
    public static func daemon(uid: UInt32) -> RecordAuthor { RecordAuthor(user: "maintd", uid: uid) }
}
