import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Durable commands and maintctl's start-up, each beside a baseline measured in the same run.
enum Commands {
    /// The durable completions table: a fresh daemon on `config` (10,000 tasks on 1,000 machines) per row.
    static func report(maintd: String, config: String, work: URL, seconds: Int) throws {
        print("\n## Durable completions (\(seconds) s per row)\n")
        print(
            "| concurrent clients | completions/s (each on disk before it is acknowledged) | baseline: fdatasync'd 4 KiB writes/s | ratio |"
        )
        print("| --- | --- | --- | --- |")
        for clients in [1, 8] {
            let writer = try BenchDaemon(
                maintd: maintd, config: config, directory: work.appendingPathComponent("complete-\(clients)"))
            let ours = try completions(path: writer.socketPath, machines: 1_000, clients: clients, seconds: seconds)
            let synced = syncedWrites(in: work, seconds: seconds)
            writer.stop()
            print("| \(clients) | \(Int(ours)) | \(Int(synced)) | \(String(format: "%.2f", ours / synced)) |")
        }
    }

    /// Completions per second with `clients` connections completing tasks back to back (each client its own
    /// machines), every one acknowledged only once it is on disk. Any refused completion stops the benchmark.
    static func completions(path: String, machines: Int, clients: Int, seconds: Int) throws -> Double {
        let share = max(1, machines / clients)
        let (perSecond, refused) = try Stats.throughput(path: path, clients: clients, seconds: seconds) {
            client, done in
            let machine = client * share + done % share
            let call =
                #"{"method":"io.maintd.Maintenance.CompleteTask","parameters":{"equipment":"M\#(machine)","task":"t\#(done % 10)","note":"bench"}}"#
            return Array(call.utf8) + [0]
        } accepts: { reply in
            !String(decoding: reply, as: UTF8.self).contains(#""error""#)
        }
        precondition(!refused, "a completion was refused")
        return perSecond
    }

    /// The baseline for durable writes: 4 KiB appended and `fdatasync`ed, one after another, for `seconds`, in
    /// `directory` (the same file system as the history).
    static func syncedWrites(in directory: URL, seconds: Int) -> Double {
        let path = directory.appendingPathComponent("fsync-baseline").path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0o600)
        defer {
            close(descriptor)
            unlink(path)
        }
        let block = [UInt8](repeating: 0x2e, count: 4_096)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        let started = DispatchTime.now().uptimeNanoseconds
        var count = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            _ = block.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fdatasync(descriptor)
            count += 1
        }
        return Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
    }

    /// Median seconds to run each command to its end, alternating between them `runs` times.
    static func startup(_ commands: [[String]], runs: Int) throws -> [Double] {
        var times = Array(repeating: [Double](), count: commands.count)
        for _ in 0..<runs {
            for (index, command) in commands.enumerated() {
                let (seconds, _, _) = try Growth.run(command[0], Array(command.dropFirst()))
                times[index].append(seconds)
            }
        }
        return times.map(Stats.median)
    }
}
