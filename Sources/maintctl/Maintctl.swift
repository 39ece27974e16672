import ArgumentParser
import Glibc
import MaintenanceProtocol

/// The technicians' and leads' command line for maintd.
@main
struct Maintctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintctl",
        abstract: "Ask maintd what maintenance is due, record what was done, and check configurations.",
        discussion:
            """
            Exit codes: 0 done (also when things are due), 1 refused, 2 recorded but failed (readings out of limits), \
            3 maintd not reachable, 64 usage. --socket and --json may come before or after the subcommand.
            """,
        version: "maintctl \(ProductVersion.text)",
        subcommands: [
            StatusCommand.self, DueCommand.self, TasksCommand.self, ShowCommand.self, DoneCommand.self,
            DeferCommand.self, CancelDeferralCommand.self,
            SkipCommand.self, CorrectCommand.self, MeterCommand.self, CorrectMeterCommand.self, ReviewCommand.self,
            HistoryCommand.self, ReportCommand.self,
            WatchCommand.self,
            ReloadCommand.self, CalendarCommand.self, CheckConfigCommand.self, ForecastCommand.self,
            GateCommand.self, ImportCommand.self, ExportCommand.self,
        ]
    )

    /// `maintctl --socket PATH due` works as people type it (like `systemctl --user`): options every command shares
    /// are moved after the subcommand before parsing.
    static func main() {
        let arguments = GlobalOptions.afterSubcommand(Array(CommandLine.arguments.dropFirst()))
        if let code = QuickStart.run(arguments) { Glibc.exit(code) }
        guard arguments.first == "gate" else { return main(arguments) }
        // The gate fails closed: a command line it cannot parse is an answer it cannot give (255), not a usage
        // error that ExecCondition= would take for "skip".
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            Standard.error(fullMessage(for: error) + "\n")
            exit(withError: ExitCode(GateCommand.cannotAsk))
        }
    }
}
