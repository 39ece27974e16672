/// Who made a record: the Unix user the kernel vouched for (never what a client claimed), with the printed name the
/// user database gave for them when they signed.
public struct RecordAuthor: Sendable, Equatable, Codable {
    public var user: String
    public var uid: UInt32
    /// The full name from the user database (the first field of GECOS); nil for maintd's own records and for records
    /// from before signatures.
    public var name: String?

    public init(user: String, uid: UInt32, name: String? = nil) {
        self.user = user
        self.uid = uid
        self.name = name
    }

    /// The name to print: the full name, or the login when the user database has none.
    public var printedName: String { name ?? user }

    /// maintd itself (configuration revisions, notifications, first sightings).
    public static func daemon(uid: UInt32) -> RecordAuthor { RecordAuthor(user: "maintd", uid: uid) }
}
