import ArgumentParser

/// The technicians' and leads' command line for maintd.
@main
struct Maintctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintctl",
        abstract: "Ask maintd what maintenance is due, record what was done, and check configurations.",
        subcommands: [CalendarCommand.self, CheckConfigCommand.self, ForecastCommand.self]
    )
}
