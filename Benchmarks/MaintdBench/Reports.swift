import Foundation
import MaintenanceProtocol

/// A year's compliance report of a large plant, and what other clients wait meanwhile (`--report-only`).
enum Reports {
    static func run(maintd: String, root: URL, work: URL, tasks: Int, runs: Int) throws {
        print("\n## Compliance report of \(tasks) tasks over a year (median of \(runs))\n")
        print(
            "| report | occurrences counted | GetStatus during it: median | slowest | baseline, at rest: median | slowest | resident before | peak during the reports |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        let directory = work.appendingPathComponent("report")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The plant the growth table uses (scripts/generate-plant: ten included files, ten tasks per machine).
        try Growth.generate(tasks, into: directory, root: root)
        let config = directory.appendingPathComponent("maintd.json").path
        let daemon = try BenchDaemon(maintd: maintd, config: config, directory: directory)
        defer { daemon.stop() }
        let statusCall = Array(#"{"method":"io.maintd.Maintenance.GetStatus","parameters":{}}"#.utf8) + [0]
        let probe = try RoundTrip(path: daemon.socketPath)
        let atRest = try probe.latencies(of: statusCall, pause: 10_000, count: 100)
        // The year from a month ago: what is past and what the grids and calendars place ahead.
        let formatter = ISO8601DateFormatter()
        let from = formatter.string(from: Date().addingTimeInterval(-30 * 86_400))
        let to = formatter.string(from: Date().addingTimeInterval(335 * 86_400))
        let call =
            Array(
                #"{"method":"io.maintd.Maintenance.ComplianceReport","parameters":{"from":"\#(from)","to":"\#(to)"}}"#
                    .utf8)
            + [0]
        // The first start's peak (writing its first sightings) is not the report's.
        daemon.resetPeak()
        let before = daemon.residentKiB
        var durations: [Double] = []
        var during: [Double] = []
        var counted = 0
        for _ in 0..<runs {
            nonisolated(unsafe) let reporter = try RoundTrip(path: daemon.socketPath)
            let finished = ManagedAtomicFlag()
            let reply = LockedBytes()
            let started = Date()
            Thread.detachNewThread {
                reply.set((try? reporter.exchange(call)) ?? [])
                finished.set()
            }
            during += try probe.latencies(of: statusCall, pause: 10_000) { !finished.isSet }
            durations.append(Date().timeIntervalSince(started))
            let text = String(decoding: reply.get(), as: UTF8.self)
            precondition(!text.contains("\"error\""), "the report was refused: \(text.prefix(300))")
            if let range = text.range(of: #""total":{"#), let due = text[range.upperBound...].range(of: #""due":"#) {
                counted = Int(text[due.upperBound...].prefix { $0.isNumber }) ?? 0
            }
        }
        print(
            "| \(Stats.milliseconds(Stats.median(durations))) | \(counted) | \(Stats.microseconds(Stats.median(during))) | \(Stats.milliseconds(during.max() ?? 0)) | \(Stats.microseconds(Stats.median(atRest))) | \(Stats.milliseconds(atRest.max() ?? 0)) | \(before / 1024) MiB | \(daemon.peakResidentKiB / 1024) MiB |"
        )
    }
}

/// Bytes one thread writes and another reads once it is done.
final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func set(_ value: [UInt8]) { lock.withLock { bytes = value } }
    func get() -> [UInt8] { lock.withLock { bytes } }
}
