import Foundation
import MaintenanceProtocol

/// The real journal: a journald is started when none runs (as on CI machines without systemd as PID 1), and entries
/// are read back with `journalctl -o json`.
enum Journald {
    static let socket = "/run/systemd/journal/socket"
    private static let startLock = NSLock()

    /// Makes sure a journald accepts entries.
    static func ensureRunning() throws {
        startLock.lock()
        defer { startLock.unlock() }
        if FileManager.default.fileExists(atPath: socket) && isAlive() { return }
        try FileManager.default.createDirectory(atPath: "/run/systemd/journal", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/lib/systemd/systemd-journald")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: socket) { usleep(100_000) }
        usleep(200_000)
    }

    /// Whether something accepts datagrams on the journal socket.
    private static func isAlive() -> Bool {
        let fd = Foundation.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        return UnixSocketAddress.connect(fd, to: socket) == 0
    }

    /// When this test run began: entries of earlier runs are never read, so a process id the kernel hands out again
    /// (pid_max is 32,768 here) never brings back another run's maintd.
    private static let runStarted: Int = {
        // The test process's own start (from /proc), so the bound holds whenever it is first read.
        let stat = (try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8)) ?? ""
        // After "pid (comm)", the fields start at the third; the start time (in clock ticks after boot) is the 22nd.
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        let ticks = fields.count > 19 ? Double(fields[19]) ?? 0 : 0
        let boot =
            (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n")
            .first { $0.hasPrefix("btime ") }.flatMap { Double($0.dropFirst(6)) } ?? 0
        guard boot > 0, ticks > 0 else { return Int(Date().timeIntervalSince1970) - 3_600 }
        return Int(boot + ticks / Double(sysconf(Int32(_SC_CLK_TCK)))) - 1
    }()

    /// Entries matching journalctl filters (e.g. `["_PID=123"]`) written during this test run, oldest first.
    static func entries(_ filters: [String]) throws -> [[String: String]] {
        let result = try Binaries.run(
            "/usr/bin/journalctl", ["-o", "json", "--no-pager", "--all", "--since=@\(runStarted)"] + filters)
        return result.stdout.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object.compactMapValues { $0 as? String }
        }
    }

    /// maintd's entries (events have a MAINT_EVENT field) from the given processes.
    static func events(pids: [Int32], waitingFor count: Int = 0, timeout: TimeInterval = 5) throws -> [[String: String]]
    {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            var all: [[String: String]] = []
            for pid in pids { all += try entries(["_PID=\(pid)"]) }
            let events = all.filter { $0["MAINT_EVENT"] != nil }
                .sorted { Int($0["__REALTIME_TIMESTAMP"] ?? "0")! < Int($1["__REALTIME_TIMESTAMP"] ?? "0")! }
            if events.count >= count || Date() > deadline { return events }
            usleep(100_000)
        }
    }
}
