import FoundationEssentials
import MaintenanceProtocol

/// The command lines that units and scripts run most often (`maintctl gate EQUIPMENT` at every start of a machine's
/// unit, `maintctl calendar EXPRESSION…`), taken by hand in their plain form. ArgumentParser reflects on the
/// properties of the commands before it runs one, which was a third of such a start (BENCHMARKS.md). Anything else
/// (another option, `--help`, a mistake, an answer that is an error) goes through ArgumentParser, which gives the
/// same answers with its messages and exit codes.
enum QuickStart {
    /// Runs a plain form and returns its exit code; nil when ArgumentParser is to parse the command line.
    static func run(_ arguments: [String]) -> Int32? {
        guard let command = arguments.first else { return nil }
        let rest = Array(arguments.dropFirst())
        // Options (and "--") are ArgumentParser's; only the flags named here are taken.
        switch command {
        case "calendar": return calendar(rest)
        case "gate": return gate(rest)
        default: return nil
        }
    }

    /// `calendar EXPRESSION…`: the report, printed only when every expression has its next elapse (else the full
    /// path gives its error and exit code).
    static func calendar(_ expressions: [String]) -> Int32? {
        guard !expressions.isEmpty, !expressions.contains(where: { $0.hasPrefix("-") }) else { return nil }
        let now = Date()
        guard let report = try? CalendarCommand.report(expressions, after: now, 1), report.unresolvable.isEmpty
        else { return nil }
        print(report.text(now: now))
        return 0
    }

    /// `gate EQUIPMENT [-q|--quiet]`, on the default socket with the default timeout.
    static func gate(_ arguments: [String]) -> Int32? {
        var equipment: String?
        var quiet = false
        for argument in arguments {
            if argument == "-q" || argument == "--quiet" {
                quiet = true
            } else if equipment == nil, !argument.hasPrefix("-") {
                equipment = argument
            } else {
                return nil
            }
        }
        guard let equipment else { return nil }
        return GateCommand.ask(
            equipment: equipment, socket: VarlinkClient.defaultSocketPath, json: false, quiet: quiet,
            timeout: GateCommand.defaultTimeout)
    }
}
