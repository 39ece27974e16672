import ArgumentParser
import FoundationEssentials
import MaintenanceCore
import MaintenanceFiles

/// `maintctl check-config FILE`: validate a configuration without touching the daemon.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration and its includes; print every error found."
    )

    @Argument(help: "The main configuration file.")
    var file: String = "/etc/maintd/maintd.json"

    func run() throws {
        do {
            _ = try ConfigurationLoader.load(
                mainFile: file, source: FileConfigurationSource(), zones: ZoneInfoDirectory(), now: Date())
            print("configuration OK")
        } catch {
            Standard.error((error.description + "\n"))
            throw ExitCode(1)
        }
    }
}
