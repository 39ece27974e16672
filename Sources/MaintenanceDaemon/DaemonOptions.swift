public import Foundation

/// Where maintd finds its configuration and keeps its state and socket, from flags, then systemd's environment,
/// then the defaults.
public struct DaemonOptions: Sendable {
    public var configFile: String
    public var stateDirectory: String
    public var socketPath: String
    /// Start a new, empty history even where the journal shows one was kept at the same place.
    public var newHistory = false

    public init(
        config: String?, stateDirectory: String?, socket: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        func first(_ list: String?) -> String? {
            list?.split(separator: ":").first.map(String.init)
        }
        configFile =
            config ?? first(environment["CONFIGURATION_DIRECTORY"]).map { $0 + "/maintd.json" }
            ?? "/etc/maintd/maintd.json"
        self.stateDirectory = stateDirectory ?? first(environment["STATE_DIRECTORY"]) ?? "/var/lib/maintd"
        socketPath =
            socket ?? first(environment["RUNTIME_DIRECTORY"]).map { $0 + "/maintd.sock" }
            ?? "/run/maintd/maintd.sock"
    }

    /// The history database.
    public var databasePath: String { stateDirectory + "/history.sqlite" }

    /// The key the history's chain is kept with (mode 0600, created at first start).
    public var historyKeyPath: String { stateDirectory + "/history.key" }
}
