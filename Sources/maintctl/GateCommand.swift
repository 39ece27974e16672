import ArgumentParser
import FoundationEssentials
import MaintenanceCLI
import MaintenanceProtocol

/// `maintctl gate EQUIPMENT`: the machine gate for `ExecCondition=` and PLC or MES scripts. Exits 0 when the
/// equipment may run, 1 when a task that blocks operation stops it, and 255 when maintd cannot give an answer
/// (not running, unknown equipment, any error, a mistyped command line): it fails closed.
struct GateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Exit 0 if the equipment may run, 1 if a blocking task stops it, 255 if maintd cannot answer.",
        discussion: """
            A task marked "blocksOperation": true stops its equipment while it is overdue, or after a failed \
            completion until a retest passes; out-of-service equipment may not run either. For ExecCondition=: any \
            other exit than 0 keeps the unit from starting, and 255 marks it failed rather than skipped.
            """)
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The equipment's id.") var equipment: String
    @Flag(name: .shortAndLong, help: "Print nothing; the exit code is the answer.") var quiet = false
    @Option(help: "Seconds to wait for maintd's answer before failing closed (255).") var timeout: Double =
        Self.defaultTimeout

    static let defaultTimeout: Double = 10

    /// The exit code of an answer that could not be had.
    static let cannotAsk: Int32 = 255

    func validate() throws {
        guard timeout > 0, timeout <= 3_600 else { throw ValidationError("--timeout must be from 0 to 3600 seconds") }
    }

    func run() throws {
        let code = Self.ask(
            equipment: equipment, socket: connection.socketPath, json: connection.json, quiet: quiet, timeout: timeout)
        if code != 0 { throw ExitCode(code) }
    }

    /// Asks maintd and says what it answered; returns the exit code (also for ``QuickStart``).
    static func ask(equipment: String, socket: String, json: Bool, quiet: Bool, timeout: Double) -> Int32 {
        func report(_ message: String, code: String) {
            if json {
                print(JSONOutput.error(code: code, message: "maintd cannot answer the gate: \(message)"))
            } else {
                Standard.error(
                    "Error: maintd cannot answer the gate for \(TerminalText.escaped(equipment)): \(message)\n")
            }
        }
        let reply: MayOperateReply
        do {
            let client = try VarlinkClient(path: socket, timeout: timeout)
            reply = try client.call(MaintenanceInterface.mayOperate, MayOperateParameters(equipment: equipment))
        } catch let error as VarlinkError {
            report(ErrorWording.sentence(error), code: error.shortName)
            return cannotAsk
        } catch let error as VarlinkClient.ConnectionError {
            report(error.description, code: "NotReachable")
            return cannotAsk
        } catch {
            report("cannot ask maintd: \(error)", code: "Failed")
            return cannotAsk
        }
        if json {
            print(JSONOutput.text(reply))
        } else if !quiet {
            let name = TerminalText.escaped("\(reply.equipmentName) (\(reply.equipment))")
            if reply.mayOperate {
                print("\(name) may run")
            } else {
                print("\(name) may NOT run:")
                for reason in reply.reasons { print("  - " + TerminalText.escaped(reason.message)) }
            }
        }
        return reply.mayOperate ? 0 : 1
    }
}
