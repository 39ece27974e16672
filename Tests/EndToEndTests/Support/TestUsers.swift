import Foundation

/// Unix users and groups created for tests (the tests run as root, as CI does).
enum TestUsers {
    static let technicians = ["maintd-tech1", "maintd-tech2"]
    static let lead = "maintd-lead1"
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
        if try Binaries.run("/usr/bin/id", [lead]).status != 0 {
            _ = try Binaries.run("/usr/sbin/useradd", ["-M", "-N", "-g", "maintd", "-G", "maintd-leads", lead])
        }
        created = true
    }

    /// Runs maintctl as `user`.
    static func maintctl(as user: String, _ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run("/usr/sbin/runuser", ["-u", user, "--", Binaries.maintctl] + arguments)
    }
}
