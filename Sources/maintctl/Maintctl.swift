import ArgumentParser

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
        subcommands: [
            StatusCommand.self, DueCommand.self, TasksCommand.self, ShowCommand.self, DoneCommand.self,
            DeferCommand.self, CancelDeferralCommand.self,
            SkipCommand.self, CorrectCommand.self, MeterCommand.self, CorrectMeterCommand.self, ReviewCommand.self,
            HistoryCommand.self, ReportCommand.self,
            WatchCommand.self,
            ReloadCommand.self, CalendarCommand.self, CheckConfigCommand.self, ForecastCommand.self,
        ]
    )

    /// `maintctl --socket PATH due` works as people type it (like `systemctl --user`): options every command shares
    /// are moved after the subcommand before parsing.
    static func main() {
        main(GlobalOptions.afterSubcommand(Array(CommandLine.arguments.dropFirst())))
    }
}
