import ArgumentParser

/// The technicians' and leads' command line for maintd.
@main
struct Maintctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintctl",
        abstract: "Ask maintd what maintenance is due, record what was done, and check configurations.",
        discussion:
            "Exit codes: 0 done (also when things are due), 1 refused or failed, 3 maintd not reachable, 64 usage.",
        subcommands: [
            StatusCommand.self, DueCommand.self, TasksCommand.self, ShowCommand.self, DoneCommand.self,
            DeferCommand.self, CancelDeferralCommand.self,
            SkipCommand.self, CorrectCommand.self, MeterCommand.self, CorrectMeterCommand.self, HistoryCommand.self,
            WatchCommand.self,
            ReloadCommand.self, CalendarCommand.self, CheckConfigCommand.self, ForecastCommand.self,
        ]
    )
}
