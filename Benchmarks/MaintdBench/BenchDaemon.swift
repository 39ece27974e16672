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
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(notifyPath.utf8))
            raw[notifyPath.utf8.count] = 0
        }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(notify, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
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
