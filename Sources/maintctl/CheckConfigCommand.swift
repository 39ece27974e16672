import ArgumentParser
import FoundationEssentials
import MaintenanceCLI
import MaintenanceCore
import MaintenanceFiles
import MaintenanceProtocol

/// `maintctl check-config FILE`: validate a configuration without touching the daemon.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Validate a configuration and its includes; print every error found."
    )

    @Argument(help: "The main configuration file.")
    var file: String = "/etc/maintd/maintd.json"

    @Flag(
        help:
            "Print the outcome as JSON: {\"valid\", \"files\", \"equipment\", \"tasks\"} or {\"valid\": false, \"errors\"}."
    )
    var json = false

    /// The outcome; errors as the socket's ConfigRejected gives them.
    struct Outcome: Encodable {
        var valid: Bool
        var file: String
        var files: [String]?
        var equipment: Int?
        var tasks: Int?
        var errors: [WireConfigError]?
    }

    func run() throws {
        do {
            let configuration = try ConfigurationLoader.load(
                mainFile: file, source: FileConfigurationSource(), zones: ZoneInfoDirectory(), now: Date())
            guard json else { return print("configuration OK") }
            print(
                JSONOutput.text(
                    Outcome(
                        valid: true, file: file, files: configuration.files,
                        equipment: configuration.equipment.count, tasks: configuration.tasks.count)))
        } catch {
            if json {
                let errors = error.diagnostics.map {
                    WireConfigError(
                        file: $0.file, line: $0.location.line, column: $0.location.column, path: $0.path,
                        message: $0.message)
                }
                print(JSONOutput.text(Outcome(valid: false, file: file, errors: errors)))
            } else {
                Standard.error((TerminalText.escapedLines(error.description).joined(separator: "\n") + "\n"))
            }
            throw ExitCode(1)
        }
    }
}
