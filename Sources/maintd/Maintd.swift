import ArgumentParser

/// The maintenance scheduler daemon.
@main
struct Maintd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintd",
        abstract: "Preventive-maintenance scheduler daemon."
    )

    func run() throws {
        throw ValidationError("the daemon is not implemented yet")
    }
}
