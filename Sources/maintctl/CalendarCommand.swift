import ArgumentParser
import FoundationEssentials
import MaintenanceCLI
import MaintenanceCore
import MaintenanceFiles

/// `maintctl calendar`: like `systemd-analyze calendar`.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Show the normalized form and next elapses of calendar expressions (systemd.time(7)).",
        discussion: "Expressions without their own time zone are evaluated in the local one ($TZ), as systemd does."
    )

    @Option(name: .customLong("base-time"), help: "Compute elapses after this RFC 3339 time instead of now.")
    var baseTime: String?

    @Option(help: "How many elapses to show per expression.")
    var iterations: Int = 1

    @Flag(help: "Print JSON: one object per expression with UTC RFC 3339 elapses.")
    var json = false

    @Argument(help: "Calendar expressions, e.g. 'Mon..Fri *-*-* 06:00'.")
    var expressions: [String]

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be 1 or more, not \(iterations)") }
        if let baseTime, Timestamp.parseRFC3339(baseTime) == nil {
            throw ValidationError("--base-time \"\(baseTime)\" is not an RFC 3339 time such as 2026-03-28T12:00:00Z")
        }
    }

    func run() throws {
        let now = Date()
        let report: CalendarReport
        do {
            report = try Self.report(expressions, after: baseTime.flatMap(Timestamp.parseRFC3339) ?? now, iterations)
        } catch {
            throw ValidationError(error.description)
        }
        print(json ? report.json() : report.text(now: now))
        if let first = report.unresolvable.first {
            throw ValidationError("cannot determine the next elapse of \"\(first)\" (like systemd: infinite loop)")
        }
    }

    /// The expressions' normalized forms and next elapses in the local zone (also for ``QuickStart``).
    static func report(
        _ expressions: [String], after base: Date, _ iterations: Int
    ) throws(CalendarExpressionError) -> CalendarReport {
        let zones = ZoneInfoDirectory()
        return try CalendarReport(
            expressions: expressions, baseTime: base, iterations: iterations, localZone: zones.localZone(),
            resolver: zones)
    }
}
