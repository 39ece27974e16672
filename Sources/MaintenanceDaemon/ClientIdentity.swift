import Foundation
import MaintenanceCore

/// Who is on the other end of a connection, as the kernel reports it (`SO_PEERCRED`), never as the client claims.
struct ClientIdentity: Sendable {
    var uid: UInt32
    var gid: UInt32
    var pid: Int32
    var user: String
    var groups: [String]
    /// The full name from the user database (the first comma-separated field of GECOS), if it has one.
    var name: String?

    /// An identity as given (tests).
    init(uid: UInt32, gid: UInt32, pid: Int32, user: String, groups: [String], name: String? = nil) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        self.user = user
        self.groups = groups
        self.name = name
    }

    /// Resolves the user's name and groups from the system's user database.
    init(uid: UInt32, gid: UInt32, pid: Int32) {
        self.uid = uid
        self.gid = gid
        self.pid = pid
        var user = "uid \(uid)"
        var name: String?
        var groupNames: [String] = []
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        if getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil {
            user = String(cString: entry.pw_name)
            if let gecos = entry.pw_gecos,
                let full = String(cString: gecos).split(separator: ",", omittingEmptySubsequences: false).first
            {
                let trimmed = full.trimmingCharacters(in: .whitespaces)
                name = trimmed.isEmpty ? nil : trimmed
            }
            var count: Int32 = 64
            var gids = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(entry.pw_name, gid, &gids, &count) < 0 {
                gids = [gid_t](repeating: 0, count: Int(count))
                _ = getgrouplist(entry.pw_name, gid, &gids, &count)
            }
            for id in gids.prefix(Int(max(count, 0))) {
                if let group = getgrgid(id) { groupNames.append(String(cString: group.pointee.gr_name)) }
            }
        } else if let group = getgrgid(gid) {
            groupNames.append(String(cString: group.pointee.gr_name))
        }
        self.user = user
        self.name = name
        self.groups = groupNames
    }

    /// The role the configuration gives this user; root is always a lead.
    func role(in roles: RoleGroups) -> Role {
        Requester(user: user, uid: uid, groups: groups).role(in: roles)
    }
}
