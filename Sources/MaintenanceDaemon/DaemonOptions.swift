public import Foundation

/// Where maintd finds its configuration and keeps its state and socket, from flags, then systemd's environment,
/// then the defaults.
public struct DaemonOptions: Sendable {
    public var configFile: String
    public var stateDirectory: String
    public var socketPath: String
    /// Start a new, empty history even where the journal shows one was kept at the same place.
    public var newHistory = false
    /// A connection that sends nothing for this long is closed (a `Watch` in progress is not idle).
    public var idleTimeout: Duration = .seconds(600)
    /// A history key passed as a systemd credential (`LoadCredential=history-key:…`), if any.
    public var credentialKeyPath: String?

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
        if let credentials = environment["CREDENTIALS_DIRECTORY"] {
            let path = credentials + "/history-key"
            if FileManager.default.fileExists(atPath: path) { credentialKeyPath = path }
        }
        socketPath =
            socket ?? first(environment["RUNTIME_DIRECTORY"]).map { $0 + "/maintd.sock" }
            ?? "/run/maintd/maintd.sock"
    }

    /// The history database.
    public var databasePath: String { stateDirectory + "/history.sqlite" }

    /// The key the history's chain is kept with: the systemd credential if one is passed, else a file beside the
    /// history (mode 0600, created at first start).
    public var historyKeyPath: String { credentialKeyPath ?? stateDirectory + "/history.key" }
}
