import ArgumentParser
import FoundationEssentials
import Glibc
import MaintenanceCLI
import MaintenanceCore
import MaintenanceFiles
import MaintenanceProtocol

/// Options every online command shares.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "maintd's socket (default: $MAINTD_SOCKET or /run/maintd/maintd.sock).")
    var socket: String?

    @Flag(help: "Print JSON for scripts instead of tables.")
    var json = false

    @Flag(
        help:
            "Tables as wide as their cells (on a terminal they fit its width, cutting long text with …)."
    )
    var wide = false

    /// How wide tables may be.
    var tableWidth: Int? { TerminalWidth.columns(wide: wide) }

    var socketPath: String {
        socket ?? VarlinkClient.defaultSocketPath
    }

    /// Connects, or exits with a message saying why not (exit code 3).
    func connect() throws -> VarlinkClient {
        do {
            return try VarlinkClient(path: socketPath)
        } catch {
            fail(code: "NotReachable", message: error.description)
            throw ExitCode(3)
        }
    }

    /// Calls a method; a refusal is printed as `Error: …` and exits 1.
    func call<Parameters, Reply>(
        _ method: VarlinkMethod<Parameters, Reply>, _ parameters: Parameters, on client: VarlinkClient? = nil,
        options: [String: String] = ConnectionOptions.commonOptions
    ) throws -> Reply {
        let client = try client ?? connect()
        do {
            return try client.call(method, parameters)
        } catch let error as VarlinkError {
            fail(code: error.shortName, message: ErrorWording.sentence(error, options: options))
            throw ExitCode(1)
        }
    }

    /// Says why a command failed: `Error: …` on standard error, or with --json an object on standard output
    /// (`{"error": {"code": "NoSuchTask", "message": "…"}}`) so that scripts read errors where they read answers.
    func fail(code: String, message: String) {
        if json {
            printJSONError(code: code, message: message)
        } else {
            Standard.error("Error: \(message)\n")
        }
    }

    /// Prints an error as JSON on standard output.
    func printJSONError(code: String, message: String) { print(JSONOutput.error(code: code, message: message)) }

    /// Interface parameter names as maintctl's options, for errors (`dueWithin` → `--within`).
    static let commonOptions = [
        "performedAt": "--at", "dueWithin": "--within", "readings": "--reading", "checks": "--reading",
        "until": "--until", "reason": "--reason", "note": "--note", "since": "--since", "limit": "--limit",
        "line": "--line", "kind": "--kind", "by": "--by", "from": "--from", "to": "--to", "grace": "--grace",
    ]

    /// Prints a reply as JSON.
    func printJSON(_ value: some Encodable) { print(JSONOutput.text(value)) }

    /// How to show times and colours: the site's zone (from the daemon), colours only on a terminal.
    func presentation(client: VarlinkClient) throws -> TaskPresentation {
        let status = try call(MaintenanceInterface.getStatus, NoParameters(), on: client).status
        let zone = ZoneInfoDirectory().rules(named: status.timezone) ?? .utc
        let colour = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return TaskPresentation(zone: zone, now: Date(), style: TerminalStyle(enabled: colour), width: tableWidth)
    }
}

/// `EQUIPMENT/TASK` on the command line.
struct TaskArgument: ExpressibleByArgument {
    var equipment: String
    var task: String

    init?(argument: String) {
        guard let key = TaskKey(argument) else { return nil }
        equipment = key.equipment
        task = key.task
    }
}

/// The width tables fit, as systemctl does it: $COLUMNS when set, else the terminal's (80 when it does not say);
/// output into a pipe or a file is not cut, so that grep and scripts see every character.
enum TerminalWidth {
    static func columns(wide: Bool) -> Int? {
        if wide { return nil }
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let columns = Int(text), columns > 0 {
            return max(columns, 40)
        }
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        return ioctl(1, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? max(Int(size.ws_col), 40) : 80
    }
}
