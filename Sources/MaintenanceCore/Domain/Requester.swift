/// Who asks for a command: the Unix user the kernel vouched for, with their groups.
public struct Requester: Sendable, Equatable {
    public var user: String
    public var uid: UInt32
    public var groups: [String]
    /// The full name the user database gives (GECOS), printed on what they sign; nil when it has none.
    public var name: String?

    public init(user: String, uid: UInt32, groups: [String], name: String? = nil) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.name = name
    }

    /// The role the configuration gives this user; root is always a lead.
    public func role(in roles: RoleGroups) -> Role {
        if uid == 0 { return .lead }
        if groups.contains(where: roles.lead.contains) { return .lead }
        if groups.contains(where: roles.technician.contains) { return .technician }
        return .none
    }

    /// The author of the records this user makes: they sign with their full name, or their login without one.
    public var author: RecordAuthor { RecordAuthor(user: user, uid: uid, name: name ?? user) }
}
