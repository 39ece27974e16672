import Foundation
import MaintenanceProtocol

/// A maintd started by a test: under `systemd-socket-activate` with the test's `NOTIFY_SOCKET`, or binding its own
/// socket. Its output goes to `log`.
final class Daemon: @unchecked Sendable {
    let directory: URL
    let config: String
    let stateDirectory: String
    let socketPath: String
    let notify: NotifySocket
    private(set) var process: ChildProcess?
    var log: String { directory.appendingPathComponent("maintd.log").path }

    /// A fresh directory holding `config` (and `includes`, relative paths) for a daemon.
    init(config text: String, includes: [String: String] = [:]) throws {
        directory = URL(fileURLWithPath: "/tmp/maintd-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        chmod(directory.path, 0o755)
        config = directory.appendingPathComponent("maintd.json").path
        stateDirectory = directory.appendingPathComponent("state").path
        socketPath = directory.appendingPathComponent("maintd.sock").path
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        for (name, content) in includes {
            let path = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try content.write(to: path, atomically: true, encoding: .utf8)
        }
        notify = try NotifySocket(directory: directory)
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: directory)
    }

    var pid: Int32 { process?.processIdentifier ?? 0 }

    /// Starts maintd the way systemd does: socket-activated, with NOTIFY_SOCKET (and WATCHDOG_USEC when given).
    /// `systemd-socket-activate` runs the program on the first connection, which this makes.
    func startActivated(watchdog: Int? = nil) throws {
        var arguments = ["--listen=\(socketPath)", "--fdname=maintd.sock", "-E", "NOTIFY_SOCKET=\(notify.path)"]
        if let watchdog { arguments += ["-E", "WATCHDOG_USEC=\(watchdog)"] }
        arguments += [Binaries.maintd, "--config", config, "--state-dir", stateDirectory]
        try launch("/usr/bin/systemd-socket-activate", arguments)
        // The first connection makes systemd-socket-activate exec maintd; on a loaded machine the socket may take a
        // while to appear, so keep knocking until maintd has said something.
        let deadline = Date().addingTimeInterval(30)
        var knocks: [VarlinkClient] = []
        while notify.messages.isEmpty && Date() < deadline && process?.isRunning == true {
            if let client = try? VarlinkClient(path: socketPath) { knocks.append(client) }
            usleep(knocks.isEmpty ? 20_000 : 200_000)
        }
    }

    /// Starts maintd binding its socket itself.
    func start(extraEnvironment: [String: String] = [:], extraArguments: [String] = []) throws {
        try launch(
            Binaries.maintd,
            ["--config", config, "--state-dir", stateDirectory, "--socket", socketPath] + extraArguments,
            environment: ["NOTIFY_SOCKET": notify.path].merging(extraEnvironment) { $1 })
    }

    private func launch(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env["TZ"] = nil
        env["JOURNAL_STREAM"] = nil
        for (key, value) in environment { env[key] = value }
        process = try ChildProcess(executable, arguments, environment: env, log: log)
    }

    /// Waits until the daemon said READY=1 (the `count`-th time) and accepts calls.
    @discardableResult
    func waitUntilReady(count: Int = 1, timeout: TimeInterval = 30) throws -> VarlinkClient {
        let deadline = Date().addingTimeInterval(timeout)
        while notify.messages.filter({ $0.message.contains("READY=1") }).count < count {
            guard Date() < deadline, process?.isRunning == true else {
                throw DaemonFailure(log: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
            }
            usleep(20_000)
        }
        return try VarlinkClient(path: socketPath)
    }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let process, process.isRunning else { return process?.waitUntilExit() ?? -1 }
        kill(process.processIdentifier, SIGTERM)
        return process.waitUntilExit()
    }

    /// SIGKILL: no chance to clean up.
    func crash() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func signal(_ number: Int32) {
        if let process { kill(process.processIdentifier, number) }
    }

    func client() throws -> VarlinkClient { try VarlinkClient(path: socketPath) }

    func status() throws -> WireStatus {
        try client().call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
    }

    /// The daemon did not become ready; its log says why.
    struct DaemonFailure: Error, CustomStringConvertible {
        var log: String
        var description: String { "maintd did not become ready:\n\(log)" }
    }
}

/// A small plant for end-to-end tests: one line, and tasks written by the test.
func testPlant(_ tasks: String, meters: String = "", extraEquipment: String = "", extra: String = "") -> String {
    """
    {
      "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
      \(extra)
      "lines": [{"id": "line-a", "name": "Line A"}, {"id": "line-b", "name": "Line B"}],
      "equipment": [
        {"id": "E1", "name": "Press", "line": "line-b", "meters": [\(meters)], "tasks": [\(tasks)]}\(extraEquipment)
      ]
    }
    """
}
