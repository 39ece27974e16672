import ArgumentParser
import FoundationEssentials
import MaintenanceCLI
import MaintenanceCore
import MaintenanceFiles

/// `maintctl forecast`: preview what a configuration makes due.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "List what becomes due in a window, as if nothing had been done since each task's lastDone."
    )

    @Option(help: "The main configuration file.")
    var config: String = "/etc/maintd/maintd.json"

    @Option(help: "Start of the window (RFC 3339, or a site-local date); default now.")
    var from: String?

    @Option(help: "Length of the window in days.")
    var days: Int = 30

    @Flag(help: "Print JSON.")
    var json = false

    @Flag(help: "Only the hours of work per day and line (from the tasks' estimatedDuration).")
    var perDay = false

    @Flag(help: "Tables as wide as their cells (on a terminal they fit its width).")
    var wide = false

    func validate() throws {
        guard (1...3_660).contains(days) else {
            throw ValidationError("--days must be between 1 and 3660, not \(days)")
        }
    }

    func run() throws {
        let configuration: Configuration
        do {
            configuration = try ConfigurationLoader.load(
                mainFile: config, source: FileConfigurationSource(), zones: ZoneInfoDirectory())
        } catch {
            if json {
                print(JSONOutput.error(code: "ConfigRejected", message: error.description))
            } else {
                Standard.error(TerminalText.escapedLines(error.description).joined(separator: "\n") + "\n")
            }
            throw ExitCode(1)
        }
        var start = Date()
        if let from {
            guard let parsed = Timestamp.parse(from, localZone: configuration.zone) else {
                throw ValidationError("--from \"\(from)\" is not a time such as 2026-12-01 or 2026-12-01T06:00:00Z")
            }
            start = parsed
        }
        let report = ForecastReport(configuration: configuration, from: start, days: days)
        if perDay { return print(json ? report.perDayJSON() : report.perDayText()) }
        print(
            json
                ? report.json()
                : report.text(width: TerminalWidth.columns(wide: wide)) + "\n\nHours of work per day and line\n"
                    + report.perDayText())
    }
}
