import Foundation
import MaintenanceProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Measures the built maintd as BENCHMARKS.md reports it: start-to-READY, resident memory, idle cost, request
/// latency and throughput, each beside a baseline measured in the same run. Prints Markdown.
@main
struct MaintdBench {
    static func main() throws {
        let arguments = CommandLine.arguments
        if arguments.contains("--version") { return print("maintd-bench \(ProductVersion.text)") }
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
            return Int(arguments[index + 1]) ?? fallback
        }
        let idleSeconds = option("--idle-seconds", 60)
        let runs = option("--runs", 3)
        // `--sizes 1000,10000,100000`: the plants of the growth table.
        let sizes =
            arguments.firstIndex(of: "--sizes").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            .map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1_000, 10_000, 100_000]
        let requests = option("--requests", 2_000)
        let seconds = option("--seconds", 3)
        let binaries = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // `--maintd PATH` and `--maintctl PATH` measure another build (an A/B against the previous main).
        let maintd =
            arguments.firstIndex(of: "--maintd").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            ?? binaries.appendingPathComponent("maintd").path
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let work = URL(fileURLWithPath: "/tmp/maintd-bench-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let maintctl =
            arguments.firstIndex(of: "--maintctl").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
            ?? binaries.appendingPathComponent("maintctl").path
        if arguments.contains("--reload-only") { return try reload(maintd: maintd, work: work) }
        if arguments.contains("--report-only") {
            return try Reports.run(
                maintd: maintd, root: root, work: work, tasks: option("--tasks", 100_000), runs: runs)
        }
        if arguments.contains("--completions-only") {
            let large = work.appendingPathComponent("large.json").path
            try Plant.generate(tasks: 10_000).write(toFile: large, atomically: true, encoding: .utf8)
            return try Commands.report(maintd: maintd, config: large, work: work, seconds: seconds)
        }
        if arguments.contains("--startup-only") { return try startupTable(maintctl: maintctl) }
        if arguments.contains("--requests-only") {
            let large = work.appendingPathComponent("large.json").path
            try Plant.generate(tasks: 10_000).write(toFile: large, atomically: true, encoding: .utf8)
            return try requestTables(maintd: maintd, config: large, work: work, requests: requests, seconds: seconds)
        }
        if arguments.contains("--growth-only") {
            return try Growth.run(
                maintd: maintd, maintctl: maintctl, root: root, work: work, sizes: sizes, runs: runs)
        }

        print("# maintd benchmarks\n")
        print(
            "Measured \(ISO8601DateFormatter().string(from: Date())) on \(ProcessInfo.processInfo.activeProcessorCount) cores; maintd built `-c release`.\n"
        )

        // Configurations: the bundled example, and a generated plant of 10,000 tasks (one line has exactly 100).
        let example = root.appendingPathComponent("config/maintd.json").path
        let large = work.appendingPathComponent("large.json").path
        try Plant.generate(tasks: 10_000).write(toFile: large, atomically: true, encoding: .utf8)

        // Start-to-READY and memory of the bundled example; the generated plants are in the growth table.
        print("## Start-up and memory of the bundled example\n")
        print(
            "| configuration | start to READY=1 (median of 5) | resident memory at READY (median of 5) | resident memory 5 s later |"
        )
        print("| --- | --- | --- | --- |")
        var times: [Double] = []
        var rss: [Double] = []
        var settled = 0
        for run in 0..<5 {
            let daemon = try BenchDaemon(
                maintd: maintd, config: example, directory: work.appendingPathComponent("start-\(run)"))
            times.append(daemon.readyAfter)
            rss.append(Double(daemon.residentKiB))
            if run == 4 {
                sleep(5)
                settled = daemon.residentKiB
            }
            daemon.stop()
        }
        print(
            "| example (40 tasks) | \(Stats.milliseconds(Stats.median(times))) | \(Growth.mebibytes(rss)) MiB | \(Growth.mebibytes([Double(settled)])) MiB |"
        )

        // Idle cost.
        print("\n## Idle cost over \(idleSeconds) s\n")
        let idle = try BenchDaemon(maintd: maintd, config: example, directory: work.appendingPathComponent("idle"))
        let sleeper = try BenchProcess("/bin/sleep", [String(idleSeconds + 5)])
        // The status request is made outside the measured window, so it does not count as activity.
        let wakeupsBefore = try idle.status().timerWakeups
        Thread.sleep(forTimeInterval: 1)
        let before = (idle.counters, sleeper.counters)
        Thread.sleep(forTimeInterval: Double(idleSeconds))
        let after = (idle.counters, sleeper.counters, try idle.status().timerWakeups - wakeupsBefore)
        print("| process | CPU time | context switches (threads alive at the end) | scheduling-timer wake-ups |")
        print("| --- | --- | --- | --- |")
        print(
            "| maintd, example plant, nothing due to change | \(Stats.milliseconds((after.0.cpu - before.0.cpu))) | \(BenchProcess.switches(from: before.0.switches, to: after.0.switches)) | \(after.2) |"
        )
        print(
            "| baseline: `sleep` | \(Stats.milliseconds((after.1.cpu - before.1.cpu))) | \(BenchProcess.switches(from: before.1.switches, to: after.1.switches)) | – |"
        )
        idle.stop()
        sleeper.stop()

        try requestTables(maintd: maintd, config: large, work: work, requests: requests, seconds: seconds)
        try Commands.report(maintd: maintd, config: large, work: work, seconds: seconds)

        try startupTable(maintctl: maintctl)

        try Growth.run(maintd: maintd, maintctl: maintctl, root: root, work: work, sizes: sizes, runs: runs)
        try reload(maintd: maintd, work: work)
        try Reports.run(maintd: maintd, root: root, work: work, tasks: 100_000, runs: runs)
    }

    /// Latency (sequential requests on one connection) and throughput (concurrent clients) of GetStatus and
    /// ListTasks on the plant in `config`, each beside an echo server answering as many bytes, measured in turn.
    static func requestTables(maintd: String, config large: String, work: URL, requests: Int, seconds: Int) throws {
        let server = try BenchDaemon(maintd: maintd, config: large, directory: work.appendingPathComponent("serve"))
        let echo = try EchoServer(path: work.appendingPathComponent("echo.sock").path)
        let statusCall = Array(#"{"method":"io.maintd.Maintenance.GetStatus","parameters":{}}"#.utf8) + [0]
        let listCall =
            Array(#"{"method":"io.maintd.Maintenance.ListTasks","parameters":{"line":"line-100"}}"#.utf8) + [0]
        let listed = try RoundTrip(path: server.socketPath).exchange(listCall)
        let listSize = listed.count
        print("\n## Request latency (\(requests) sequential requests, one connection)\n")
        print("| request | median | p99 | baseline echo of the same size: median | p99 | ratio of medians |")
        print("| --- | --- | --- | --- | --- | --- |")
        for (name, call, replySize) in [("GetStatus", statusCall, 0), ("ListTasks, 100 tasks", listCall, listSize)] {
            let ours = try Stats.latencies(path: server.socketPath, message: call, count: requests)
            // The echo answers with as many bytes as maintd does, so the baseline moves the same data.
            let echoed = try Stats.latencies(
                path: echo.path, message: EchoServer.request(replySize: replySize == 0 ? 600 : replySize),
                count: requests)
            print(
                "| \(name) | \(Stats.microseconds(Stats.median(ours))) | \(Stats.microseconds(Stats.percentile(ours, 0.99))) | \(Stats.microseconds(Stats.median(echoed))) | \(Stats.microseconds(Stats.percentile(echoed, 0.99))) | \(String(format: "%.1f", Stats.median(ours) / Stats.median(echoed)))× |"
            )
        }
        print("\n## Throughput (GetStatus, \(seconds) s per row)\n")
        print("| concurrent clients | maintd requests/s | baseline echo requests/s | ratio |")
        print("| --- | --- | --- | --- |")
        for clients in [1, 8, 64] {
            let ours = try Stats.throughput(
                path: server.socketPath, message: statusCall, clients: clients, seconds: seconds)
            let base = try Stats.throughput(
                path: echo.path, message: EchoServer.request(replySize: 600), clients: clients, seconds: seconds)
            print("| \(clients) | \(Int(ours)) | \(Int(base)) | \(String(format: "%.2f", ours / base)) |")
        }
        server.stop()
        echo.stop()
    }

    /// maintctl's start-up against systemd-analyze's, alternating.
    static func startupTable(maintctl: String) throws {
        print("\n## maintctl start-up (median of 200 runs each, alternating)\n")
        let (ours, theirs) = try {
            let medians = try Commands.startup(
                [[maintctl, "calendar", "daily"], ["/usr/bin/systemd-analyze", "calendar", "daily"]], runs: 200)
            return (medians[0], medians[1])
        }()
        print("| `maintctl calendar daily` | `systemd-analyze calendar daily` | ratio |")
        print("| --- | --- | --- |")
        print(
            "| \(Stats.milliseconds(ours)) | \(Stats.milliseconds(theirs)) | \(String(format: "%.2f", ours / theirs)) |"
        )
    }

    /// A reload from one machine to a generated plant of 16,000 tasks, three times: how long it takes, and how long
    /// GetStatus waits meanwhile (asked every 20 ms on another connection), against GetStatus on the same daemon at
    /// rest just before.
    static func reload(maintd: String, work: URL) throws {
        print("\n## Reloading a large configuration (16,000 new machines; median and slowest of 3 reloads)\n")
        print(
            "| reload to READY | GetStatus during it: median | slowest | baseline, at rest: median | slowest | ratio of slowest |"
        )
        print("| --- | --- | --- | --- | --- | --- |")
        let statusCall = Array(#"{"method":"io.maintd.Maintenance.GetStatus","parameters":{}}"#.utf8) + [0]
        let big = Plant.generate(machines: 16_000)
        var durations: [Double] = []
        var during: [Double] = []
        var slowestDuring: [Double] = []
        var rest: [Double] = []
        var slowestAtRest: [Double] = []
        for run in 0..<3 {
            let directory = work.appendingPathComponent("reload-\(run)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let config = directory.appendingPathComponent("maintd.json").path
            try Plant.generate(machines: 1).write(toFile: config, atomically: true, encoding: .utf8)
            let daemon = try BenchDaemon(maintd: maintd, config: config, directory: directory)
            defer { daemon.stop() }
            let probe = try RoundTrip(path: daemon.socketPath)
            let atRest = try probe.latencies(of: statusCall, pause: 20_000, count: 100)
            try big.write(toFile: config, atomically: true, encoding: .utf8)
            nonisolated(unsafe) let reloader = try RoundTrip(path: daemon.socketPath)
            let finished = ManagedAtomicFlag()
            let started = Date()
            Thread.detachNewThread {
                let reply =
                    (try? reloader.exchange(Array(#"{"method":"io.maintd.Maintenance.Reload"}"#.utf8) + [0])) ?? []
                // A refused reload would measure nothing.
                precondition(!String(decoding: reply, as: UTF8.self).contains("\"error\""), "the reload was refused")
                finished.set()
            }
            let latencies = try probe.latencies(of: statusCall, pause: 20_000) { !finished.isSet }
            durations.append(Date().timeIntervalSince(started))
            during.append(Stats.median(latencies))
            slowestDuring.append(latencies.max() ?? 0)
            rest.append(Stats.median(atRest))
            slowestAtRest.append(atRest.max() ?? 0)
        }
        let slowest = slowestDuring.max() ?? 0
        let slowestRest = slowestAtRest.max() ?? 0
        print(
            "| \(Stats.milliseconds(Stats.median(durations))) | \(Stats.microseconds(Stats.median(during))) | \(Stats.milliseconds(slowest)) | \(Stats.microseconds(Stats.median(rest))) | \(Stats.milliseconds(slowestRest)) | \(String(format: "%.1f", slowest / max(slowestRest, 1e-6)))× |"
        )
    }
}

/// A flag one thread sets and another polls.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
