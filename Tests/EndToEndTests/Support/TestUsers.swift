import Foundation

/// Unix users and groups created for tests (the tests run as root, as CI does).
enum TestUsers {
    static let technicians = ["maintd-tech1", "maintd-tech2"]
    static let lead = "maintd-lead1"
    static let secondLead = "maintd-lead2"
    /// Full names in the user database (GECOS), as `chfn` would set them; maintd-tech2 has none.
    static let fullNames = [
        "maintd-tech1": "Ada Technician", "maintd-lead1": "Lena Lead,Bldg 4,,", "maintd-lead2": "Ravi Reviewer",
    ]
    private static let lock = NSLock()
    nonisolated(unsafe) private static var created = false

    /// Creates groups `maintd` and `maintd-leads`, two technicians and a lead, once.
    static func ensure() throws {
        lock.lock()
        defer { lock.unlock() }
        if created { return }
        for group in ["maintd", "maintd-leads"] { _ = try Binaries.run("/usr/sbin/groupadd", ["-f", group]) }
        for user in technicians where try Binaries.run("/usr/bin/id", [user]).status != 0 {
            _ = try Binaries.run("/usr/sbin/useradd", ["-M", "-N", "-g", "maintd", user])
        }
        for user in [lead, secondLead] where try Binaries.run("/usr/bin/id", [user]).status != 0 {
            _ = try Binaries.run("/usr/sbin/useradd", ["-M", "-N", "-g", "maintd", "-G", "maintd-leads", user])
        }
        for user in technicians + [lead, secondLead] {
            _ = try Binaries.run("/usr/sbin/usermod", ["-c", fullNames[user] ?? "", user])
        }
        created = true
    }

    /// Runs maintctl as `user`.
    static func maintctl(as user: String, _ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run("/usr/sbin/runuser", ["-u", user, "--", Binaries.maintctl] + arguments)
    }
}
