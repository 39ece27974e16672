import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// How maintd grows with the plant: start, restart, reload, check-config, memory and GetStatus at several sizes, on
/// plants written by `scripts/generate-plant` (ten included files, ten tasks per machine).
enum Growth {
    static let statusCall = Array(#"{"method":"io.maintd.Maintenance.GetStatus","parameters":{}}"#.utf8) + [0]

    static func run(maintd: String, maintctl: String, root: URL, work: URL, sizes: [Int], runs: Int) throws {
        print("\n## Growth (\(sizes.map { $0.formatted() }.joined(separator: " / ")) tasks; medians of \(runs))\n")
        print(
            "| tasks | first start to READY | restart to READY | reload to READY | `check-config` | resident at READY: first / restart | \(settle) s later: first / restart | first start's peak | GetStatus median | echo median | ratio |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for size in sizes {
            let plant = work.appendingPathComponent("plant-\(size)")
            try generate(size, into: plant, root: root)
            let config = plant.appendingPathComponent("maintd.json").path
            var first: [Double] = []
            var restart: [Double] = []
            var reload: [Double] = []
            // Resident memory (KiB) at READY and `settle` seconds later: a large first start sends READY while its
            // first records are still being written.
            var firstResident: [Double] = []
            var restartResident: [Double] = []
            var firstSettled: [Double] = []
            var restartSettled: [Double] = []
            // The highest a first start was resident (VmHWM), its records written and announced.
            var firstPeak: [Double] = []
            var latency = 0.0
            var echoLatency = 0.0
            for run in 0..<runs {
                let directory = work.appendingPathComponent("growth-\(size)-\(run)")
                let fresh = try BenchDaemon(maintd: maintd, config: config, directory: directory)
                first.append(fresh.readyAfter)
                firstResident.append(Double(fresh.residentKiB))
                Thread.sleep(forTimeInterval: Double(settle))
                firstSettled.append(Double(fresh.residentKiB))
                firstPeak.append(Double(fresh.peakResidentKiB))
                fresh.stop()
                let again = try BenchDaemon(maintd: maintd, config: config, directory: directory)
                restart.append(again.readyAfter)
                restartResident.append(Double(again.residentKiB))
                Thread.sleep(forTimeInterval: Double(settle))
                restartSettled.append(Double(again.residentKiB))
                // Each reload changes one task's interval, so the plant is read, validated and compared anew.
                let part = plant.appendingPathComponent("lines/part-0.json")
                let text = try String(contentsOf: part, encoding: .utf8)
                try text.replacingOccurrences(of: #""every": "30d""#, with: #""every": "31d""#)
                    .write(to: part, atomically: true, encoding: .utf8)
                reload.append(again.reload())
                try text.write(to: part, atomically: true, encoding: .utf8)
                if run == 0 {
                    let reply = try RoundTrip(path: again.socketPath).exchange(statusCall)
                    let echo = try EchoServer(path: directory.appendingPathComponent("echo.sock").path)
                    let ours = try Stats.latencies(path: again.socketPath, message: statusCall, count: 1_000)
                    let theirs = try Stats.latencies(
                        path: echo.path, message: EchoServer.request(replySize: reply.count), count: 1_000)
                    latency = Stats.median(ours)
                    echoLatency = Stats.median(theirs)
                    echo.stop()
                }
                again.stop()
            }
            var checks: [Double] = []
            var peak = 0
            for _ in 0..<runs {
                let (seconds, peakKiB) = try timed(maintctl, ["check-config", config])
                checks.append(seconds)
                peak = max(peak, peakKiB)
            }
            print(
                "| \(size.formatted()) | \(Stats.milliseconds(Stats.median(first))) | \(Stats.milliseconds(Stats.median(restart))) | \(Stats.milliseconds(Stats.median(reload))) | \(Stats.milliseconds(Stats.median(checks))), \(peak / 1024) MiB | \(mebibytes(firstResident)) / \(mebibytes(restartResident)) MiB | \(mebibytes(firstSettled)) / \(mebibytes(restartSettled)) MiB | \(mebibytes(firstPeak)) MiB | \(Stats.microseconds(latency)) | \(Stats.microseconds(echoLatency)) | \(String(format: "%.1f", latency / max(echoLatency, 1e-9)))× |"
            )
        }
    }

    /// Seconds after READY at which memory is read again.
    static let settle = 3

    /// The median of readings in KiB, in MiB with one decimal.
    static func mebibytes(_ kibibytes: [Double]) -> String {
        String(format: "%.1f", Stats.median(kibibytes) / 1024)
    }

    /// Writes a plant with the repository's generator.
    static func generate(_ tasks: Int, into directory: URL, root: URL) throws {
        let script = root.appendingPathComponent("scripts/generate-plant").path
        let (_, _, status) = try run("/usr/bin/python3", [script, String(tasks), directory.path])
        guard status == 0 else { throw POSIXError(.EIO) }
    }

    /// Seconds a command takes and its peak resident memory (KiB). The peak comes from GNU time (which forks):
    /// wait4's own figure for a child started by posix_spawn (a vfork) starts from the benchmark's own size.
    static func timed(_ executable: String, _ arguments: [String]) throws -> (Double, Int) {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-bench-time-\(getpid())")
        defer { try? FileManager.default.removeItem(at: report) }
        let (seconds, _, _) = try run(
            "/usr/bin/time", ["-f", "%M", "-o", report.path, executable] + arguments)
        let peak =
            Int(
                (try? String(contentsOf: report, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                    ?? "") ?? 0
        return (seconds, peak)
    }

    /// Runs a command to its end: seconds, wait4's peak (see ``timed(_:_:)``) and exit status.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Double, Int, Int32) {
        let start = DispatchTime.now().uptimeNanoseconds
        let child = try BenchProcess(executable, arguments)
        var status: Int32 = 0
        var usage = rusage()
        wait4(child.pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, usage.ru_maxrss, (status >> 8) & 0xff)
    }
}
