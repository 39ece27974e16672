import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// maintd started for a benchmark, with a notify socket to time READY=1 (at start and after a reload).
final class BenchDaemon {
    let process: BenchProcess
    let socketPath: String
    /// Seconds from spawning to READY=1.
    private(set) var readyAfter: Double = 0
    private let notify: Int32

    init(maintd: String, config: String, directory: URL, arguments: [String] = []) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("maintd.sock").path
        let notifyPath = directory.appendingPathComponent("notify.sock").path
        notify = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        unlink(notifyPath)
        guard UnixSocketAddress.bind(notify, to: notifyPath) == 0 else { throw POSIXError(.EADDRINUSE) }
        let start = Date()
        process = try BenchProcess(
            maintd,
            [
                "--config", config, "--state-dir", directory.appendingPathComponent("state").path, "--socket",
                socketPath,
            ] + arguments,
            environment: ["NOTIFY_SOCKET": notifyPath], log: directory.appendingPathComponent("log").path)
        wait(for: "READY=1")
        readyAfter = Date().timeIntervalSince(start)
    }

    deinit { close(notify) }

    /// Blocks until a notification containing `state` arrives.
    private func wait(for state: String) {
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(notify, &buffer, buffer.count, 0)
            if count > 0, String(decoding: buffer[..<count], as: UTF8.self).contains(state) { return }
        }
    }

    /// Sends SIGHUP and returns the seconds until READY=1 follows RELOADING=1.
    func reload() -> Double {
        let start = Date()
        kill(process.pid, SIGHUP)
        wait(for: "RELOADING=1")
        wait(for: "READY=1")
        return Date().timeIntervalSince(start)
    }

    var counters: (cpu: Double, switches: [String: Int]) { process.counters }
    var residentKiB: Int { process.residentKiB }
    var peakResidentKiB: Int { process.peakResidentKiB }
    func resetPeak() { process.resetPeak() }

    func status() throws -> WireStatus {
        try VarlinkClient(path: socketPath).call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
    }

    func stop() { process.stop() }
}
