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
    @Option(help: "Seconds to wait for maintd's answer before failing closed (255).") var timeout: Double = 10

    /// The exit code of an answer that could not be had.
    static let cannotAsk: Int32 = 255

    func validate() throws {
        guard timeout > 0, timeout <= 3_600 else { throw ValidationError("--timeout must be from 0 to 3600 seconds") }
    }

    func run() throws {
        let reply: MayOperateReply
        do {
            let client = try VarlinkClient(path: connection.socketPath, timeout: timeout)
            reply = try client.call(MaintenanceInterface.mayOperate, MayOperateParameters(equipment: equipment))
        } catch let error as VarlinkError {
            report(ErrorWording.sentence(error), code: error.shortName)
            throw ExitCode(Self.cannotAsk)
        } catch let error as VarlinkClient.ConnectionError {
            report(error.description, code: "NotReachable")
            throw ExitCode(Self.cannotAsk)
        } catch {
            report("cannot ask maintd: \(error)", code: "Failed")
            throw ExitCode(Self.cannotAsk)
        }
        if connection.json {
            connection.printJSON(reply)
        } else if !quiet {
            let name = TerminalText.escaped("\(reply.equipmentName) (\(reply.equipment))")
            if reply.mayOperate {
                print("\(name) may run")
            } else {
                print("\(name) may NOT run:")
                for reason in reply.reasons { print("  - " + TerminalText.escaped(reason.message)) }
            }
        }
        if !reply.mayOperate { throw ExitCode(1) }
    }

    private func report(_ message: String, code: String) {
        if connection.json {
            connection.printJSONError(code: code, message: "maintd cannot answer the gate: \(message)")
        } else {
            Standard.error("Error: maintd cannot answer the gate for \(TerminalText.escaped(equipment)): \(message)\n")
        }
    }
}
