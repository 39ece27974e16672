import ArgumentParser
import Foundation
import Logging
import MaintenanceCore
import MaintenanceDaemon
import MaintenanceFiles
import MaintenanceProtocol
import MaintenanceStore
import ServiceLifecycle

/// The maintenance scheduler daemon.
@main
struct Maintd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintd",
        abstract: "Preventive-maintenance scheduler daemon.",
        discussion: """
            Paths fall back to systemd's $CONFIGURATION_DIRECTORY, $STATE_DIRECTORY and $RUNTIME_DIRECTORY, then to \
            /etc/maintd/maintd.json, /var/lib/maintd and /run/maintd/maintd.sock. SIGHUP reloads the configuration.
            """,
        version: "maintd \(ProductVersion.text)"
    )

    @Option(help: "The main configuration file.")
    var config: String?

    @Option(name: .customLong("state-dir"), help: "Where the history database is kept.")
    var stateDir: String?

    @Option(help: "The control socket to bind when not socket-activated.")
    var socket: String?

    @Flag(name: .customLong("check-config"), help: "Validate the configuration, print every error, and exit.")
    var checkConfig = false

    @Flag(
        name: .customLong("verify-history"),
        help: "Check the history's keyed hash chain and the journal's checkpoints of it; report the first problem.")
    var verifyHistory = false

    @Flag(
        name: .customLong("new-history"),
        help: "Start a new, empty history although the journal shows one was kept at the same place.")
    var newHistory = false

    @Option(
        name: .customLong("idle-timeout"),
        help: "Close a connection that sends nothing for this many seconds (a watch in progress is not idle).")
    var idleTimeout: Int = 600

    func run() async throws {
        var options = DaemonOptions(config: config, stateDirectory: stateDir, socket: socket)
        options.newHistory = newHistory
        options.idleTimeout = .seconds(idleTimeout)
        if checkConfig {
            do {
                _ = try ConfigurationLoader.load(
                    mainFile: options.configFile, source: FileConfigurationSource(), zones: ZoneInfoDirectory(),
                    now: Date())
                print("configuration OK")
                return
            } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(1)
            }
        }
        if verifyHistory {
            do {
                let (intact, report) = try HistoryAudit.run(options)
                guard intact else {
                    FileHandle.standardError.write(Data((report + "\n").utf8))
                    throw ExitCode(1)
                }
                print(report)
                return
            } catch let error as StoreError {
                throw ValidationError(error.description)
            }
        }
        LoggingSystem.bootstrap { JournalLogHandler(label: $0) }
        let logger = Logger(label: "maintd")
        let service: MaintenanceService
        do {
            service = try MaintenanceService(options: options, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("Error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        // The service turns SIGTERM and SIGINT into a graceful shutdown of the group as soon as it starts.
        let group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: logger))
        service.requestShutdown = { Task { await group.triggerGracefulShutdown() } }
        try await group.run()
    }
}
