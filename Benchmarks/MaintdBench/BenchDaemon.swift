import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// maintd started for a benchmark, with a notify socket to time READY=1.
final class BenchDaemon {
    let process: BenchProcess
    let socketPath: String
    /// Seconds from spawning to READY=1.
    let readyAfter: Double

    init(maintd: String, config: String, directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        socketPath = directory.appendingPathComponent("maintd.sock").path
        let notifyPath = directory.appendingPathComponent("notify.sock").path
        let notify = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(notify) }
        unlink(notifyPath)
        guard UnixSocketAddress.bind(notify, to: notifyPath) == 0 else { throw POSIXError(.EADDRINUSE) }
        let start = Date()
        process = try BenchProcess(
            maintd,
            [
                "--config", config, "--state-dir", directory.appendingPathComponent("state").path, "--socket",
                socketPath,
            ],
            environment: ["NOTIFY_SOCKET": notifyPath], log: directory.appendingPathComponent("log").path)
        var buffer = [UInt8](repeating: 0, count: 4_096)
        var ready: Double?
        while ready == nil {
            let count = recv(notify, &buffer, buffer.count, 0)
            if count > 0, String(decoding: buffer[..<count], as: UTF8.self).contains("READY=1") {
                ready = Date().timeIntervalSince(start)
            }
        }
        readyAfter = ready!
    }

    var counters: (cpu: Double, switches: Int) { process.counters }
    var residentKiB: Int { process.residentKiB }

    func status() throws -> WireStatus {
        try VarlinkClient(path: socketPath).call("io.maintd.Maintenance.GetStatus", as: GetStatusReply.self).status
    }

    func stop() { process.stop() }
}
