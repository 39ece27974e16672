import ArgumentParser
import FoundationEssentials
import Glibc
import MaintenanceCLI
import MaintenanceCore
import MaintenanceProtocol

/// `maintctl status`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the daemon and task counts (of one line with --line).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Count only this line's tasks.") var line: String?

    func run() throws {
        let client = try connection.connect()
        var status = try connection.call(MaintenanceInterface.getStatus, NoParameters(), on: client)
        if let line {
            let tasks = try connection.call(MaintenanceInterface.listTasks, ListTasksParameters(line: line), on: client)
            status.status.restrict(to: tasks.tasks)
        }
        if connection.json { return connection.printJSON(status) }
        print(try connection.presentation(client: client).status(status.status, line: line))
    }
}

/// `maintctl due`: what needs doing, most urgent first. Exits 0 even when things are due.
struct DueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "due", abstract: "List what is upcoming, due or overdue (on a line, of a kind, within a window).")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this line (\"-\": equipment outside any line).") var line: String?
    @Option(help: "Only this kind (lubrication, calibration, inspection, cleaning, replacement, test, other).")
    var kind: String?
    @Option(help: "Also what falls due within this duration, e.g. 7d.") var within: String?
    @Flag(help: "Only what is assigned to you or one of your groups.") var mine = false

    func run() throws {
        let client = try connection.connect()
        var tasks = try connection.call(
            MaintenanceInterface.listTasks,
            ListTasksParameters(line: line, kind: kind, dueWithin: within, mine: mine ? true : nil), on: client
        ).tasks
        if within == nil { tasks = tasks.filter { ["upcoming", "due", "overdue"].contains($0.state) } }
        if connection.json { return connection.printJSON(ListTasksReply(tasks: tasks)) }
        if tasks.isEmpty {
            print("nothing due" + (line.map { " on \($0)" } ?? "") + (mine ? " for you" : ""))
            return
        }
        print(try connection.presentation(client: client).table(tasks))
    }
}

/// `maintctl tasks`.
struct TasksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tasks", abstract: "List every task and its state.")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this line (\"-\": equipment outside any line).") var line: String?
    @Option(help: "Only this equipment.") var equipment: String?
    @Option(help: "Only this kind.") var kind: String?
    @Option(help: "Only this state (scheduled, upcoming, due, overdue, deferred, suspended).") var state: String?

    func run() throws {
        let client = try connection.connect()
        let reply = try connection.call(
            MaintenanceInterface.listTasks,
            ListTasksParameters(line: line, equipment: equipment, kind: kind, state: state), on: client)
        if connection.json { return connection.printJSON(reply) }
        print(try connection.presentation(client: client).table(reply.tasks))
    }
}

/// `maintctl show EQUIPMENT/TASK`: exits 1 when there is no such task.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one task: state, procedure, readings to take, recent history.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT/TASK") var task: TaskArgument
    @Option(help: "How many history records to show.") var history: Int = 10

    func run() throws {
        let client = try connection.connect()
        let reply = try connection.call(
            MaintenanceInterface.getTask,
            GetTaskParameters(equipment: task.equipment, task: task.task, historyLimit: history), on: client)
        if connection.json { return connection.printJSON(reply) }
        print(try connection.presentation(client: client).detail(reply))
    }
}

/// `maintctl done EQUIPMENT/TASK`: exit 2 when the work was recorded as failed.
struct DoneCommand: ParsableCommand {
    /// The interface's parameter names as this command's options, for errors (besides the common ones).
    static let options = ["result": "--fail", "steps": "--step", "nonConformance": "--nc"]

    static let configuration = CommandConfiguration(
        commandName: "done", abstract: "Record work done, as you (the user running maintctl).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT/TASK") var task: TaskArgument
    @Flag(help: "The check failed (readings outside limits fail it anyway).") var fail = false
    @Option(
        name: .customLong("reading"), help: "A reading, ID=VALUE (a number, or pass/fail for a check); repeat for each."
    )
    var readings: [String] = []
    @Option(help: "A note for the record.") var note: String?
    @Option(help: "When the work was done (RFC 3339 or site time), if not now.") var at: String?
    @Option(help: "Contractor work: the name of the person who did it (you enter it on their behalf).")
    var onBehalfOf: String?
    @Option(help: "Contractor work: their company (with --on-behalf-of).") var company: String?
    @Option(
        name: .customLong("step"),
        help:
            "A checklist answer, ID=VALUE: pass, fail or n-a for a check, a number, or text; repeat for each. On a terminal, maintctl asks for the steps not given."
    )
    var steps: [String] = []
    @Flag(help: "Never ask for checklist steps (scripts).") var noPrompt = false
    @Option(help: "A non-conformance reference for what the work found (NC-2026-0042), for the quality system.")
    var nc: String?

    /// The checklist answers given as options.
    func stepAnswers() throws -> [String: String] {
        var answers: [String: String] = [:]
        for argument in steps {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw ValidationError("--step takes ID=VALUE, not \"\(TerminalText.escaped(argument))\"")
            }
            let id = String(argument[..<equals])
            guard answers[id] == nil else { throw ValidationError("--step \(TerminalText.escaped(id)) given twice") }
            answers[id] = String(argument[argument.index(after: equals)...])
        }
        return answers
    }

    /// Asks on the terminal for each checklist step not given (required ones until answered, unless the work failed).
    func ask(_ steps: [WireStep], given: [String: String]) -> [String: String] {
        var answers = given
        let missing = steps.filter { answers[$0.id] == nil }
        for (index, step) in missing.enumerated() {
            let expected = TaskPresentation.expected(step)
            while true {
                Standard.output(
                    "Step \(index + 1)/\(missing.count): \(TerminalText.escaped(step.text)) [\(expected)]\(step.required ? "" : " (optional)"): "
                )
                guard let line = readLine() else { return answers }
                let answer = line.trimmingSpaces()
                if !answer.isEmpty {
                    answers[step.id] = answer
                    break
                }
                if !step.required || fail { break }
            }
        }
        return answers
    }

    func validate() throws {
        _ = try stepAnswers()
        _ = try ReadingArgument.parse(readings)
        if (onBehalfOf == nil) != (company == nil) {
            throw ValidationError("contractor work needs both --on-behalf-of NAME and --company COMPANY")
        }
    }

    func run() throws {
        let client = try connection.connect()
        let values = try ReadingArgument.parse(readings)
        var answers = try stepAnswers()
        // On a terminal, the checklist is asked step by step (what was not given as --step).
        if !noPrompt && !connection.json && isatty(0) == 1 && isatty(1) == 1 {
            let steps = try connection.call(
                MaintenanceInterface.getTask,
                GetTaskParameters(equipment: task.equipment, task: task.task, historyLimit: 0), on: client
            ).steps
            answers = ask(steps, given: answers)
        }
        let parameters = CompleteTaskParameters(
            equipment: task.equipment, task: task.task, performedAt: at, result: fail ? "fail" : nil,
            readings: values?.numbers, checks: values.flatMap { $0.checks.isEmpty ? nil : $0.checks }, note: note,
            onBehalfOf: onBehalfOf.map { WireContractor(name: $0, company: company ?? "") },
            steps: answers.isEmpty ? nil : answers, nonConformance: nc)
        let reply: RecordAndTaskReply
        do {
            reply = try client.call(MaintenanceInterface.completeTask, parameters)
        } catch let error as VarlinkError where error.shortName == "ReadingOutOfRange" {
            // Stored, as failed: a script tells this (exit 2) from a refusal (exit 1) and gets the record.
            if connection.json {
                print(
                    JSONLiteral.object([
                        "record": error.parameters["record"] ?? .null, "failed": .bool(true),
                        "outOfLimits": error.parameters["readings"] ?? .array([]),
                    ]).serialized)
            }
            Standard.error("Error: \(ErrorWording.sentence(error))\n")
            throw ExitCode(2)
        } catch let error as VarlinkError {
            Standard.error(
                "Error: \(ErrorWording.sentence(error, options: ConnectionOptions.commonOptions.merging(Self.options) { $1 }))\n"
            )
            throw ExitCode(1)
        }
        if connection.json { return connection.printJSON(reply) }
        let presentation = try connection.presentation(client: client)
        print("recorded #\(reply.record.id): \(TerminalText.escaped(presentation.details(reply.record)))")
        if reply.record.review == "awaiting" {
            print("awaiting review by a \(reply.task.review ?? "lead") (another person): it counts once accepted")
        }
        print("next: \(reply.task.state) \(presentation.when(reply.task))")
    }
}

/// `maintctl defer EQUIPMENT/TASK --until TIME --reason TEXT` (leads).
struct DeferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "defer", abstract: "Postpone the current occurrence until a time, with a reason (leads).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT/TASK") var task: TaskArgument
    @Option(help: "Until when (RFC 3339 or site time, e.g. 2026-12-01T06:00).") var until: String
    @Option(help: "Why it cannot be done now.") var reason: String

    func run() throws {
        let reply = try connection.call(
            MaintenanceInterface.deferTask,
            DeferTaskParameters(equipment: task.equipment, task: task.task, until: until, reason: reason))
        if connection.json { return connection.printJSON(reply) }
        print("deferred (record #\(reply.record.id)) until \(reply.record.until ?? until)")
    }
}

/// `maintctl cancel-deferral EQUIPMENT/TASK --reason TEXT` (leads).
struct CancelDeferralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel-deferral",
        abstract: "Cancel the deferral of the current occurrence, with a reason: it is due again (leads).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT/TASK") var task: TaskArgument
    @Option(help: "Why the deferral no longer holds.") var reason: String

    func run() throws {
        let reply = try connection.call(
            MaintenanceInterface.cancelDeferral,
            CancelDeferralParameters(equipment: task.equipment, task: task.task, reason: reason))
        if connection.json { return connection.printJSON(reply) }
        print("deferral cancelled (record #\(reply.record.id)); now \(reply.task.state)")
    }
}

/// `maintctl correct-meter RECORD (--value V | --withdraw) --reason TEXT` (leads).
struct CorrectMeterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct-meter",
        abstract: "Correct or withdraw a meter reading with a new record, with a reason (leads).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The meter reading's record id (see maintctl history --kind meter-reading).") var record: Int64
    @Option(help: "The corrected value.") var value: Double?
    @Flag(help: "Withdraw the reading (it was entered by mistake).") var withdraw = false
    @Option(help: "Why the reading is corrected.") var reason: String

    func validate() throws {
        if withdraw == (value != nil) { throw ValidationError("give either --value or --withdraw") }
        if let value, !value.isFinite { throw ValidationError("--value must be a finite number") }
    }

    func run() throws {
        let reply = try connection.call(
            MaintenanceInterface.correctMeterReading,
            CorrectMeterReadingParameters(record: record, reason: reason, value: value, withdraw: withdraw ? true : nil)
        )
        if connection.json { return connection.printJSON(reply) }
        print("record #\(reply.record.id) supersedes meter reading #\(record)")
    }
}

/// `maintctl skip EQUIPMENT/TASK --reason TEXT` (leads).
struct SkipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "skip", abstract: "Skip the current occurrence, with a reason (leads).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT/TASK") var task: TaskArgument
    @Option(help: "Why this occurrence is not needed.") var reason: String

    func run() throws {
        let reply = try connection.call(
            MaintenanceInterface.skipOccurrence,
            SkipOccurrenceParameters(equipment: task.equipment, task: task.task, reason: reason))
        if connection.json { return connection.printJSON(reply) }
        print("skipped (record #\(reply.record.id)); next due \(reply.task.dueAt ?? reply.task.occurrence)")
    }
}

/// `maintctl correct RECORD --reason TEXT …`.
struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a completion with a new record that supersedes it (your own; leads: anyone's).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The record's id (see maintctl history).") var record: Int64
    @Option(help: "Why the record is corrected.") var reason: String
    @Option(help: "Corrected time the work was done.") var at: String?
    @Flag(help: "Corrected result: pass.") var pass = false
    @Flag(help: "Corrected result: fail.") var fail = false
    @Option(name: .customLong("reading"), help: "Corrected reading, ID=VALUE; replaces all readings.") var readings:
        [String] = []
    @Option(help: "Corrected note.") var note: String?
    @Flag(help: "Withdraw the record (it was entered by mistake).") var withdraw = false

    func validate() throws {
        if pass && fail { throw ValidationError("--pass and --fail exclude each other") }
    }

    func run() throws {
        let values = try ReadingArgument.parse(readings)
        let reply = try connection.call(
            MaintenanceInterface.correctRecord,
            CorrectRecordParameters(
                record: record, reason: reason, performedAt: at,
                result: pass ? "pass" : fail ? "fail" : nil, readings: values?.numbers,
                checks: values.flatMap { $0.checks.isEmpty ? nil : $0.checks }, note: note,
                withdraw: withdraw ? true : nil))
        if connection.json { return connection.printJSON(reply) }
        print("record #\(reply.record.id) supersedes #\(record)")
    }
}

/// `maintctl meter EQUIPMENT METER VALUE`.
struct MeterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "meter", abstract: "Record a meter reading.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "Equipment id.") var equipment: String
    @Argument(help: "Meter id, e.g. run-hours.") var meter: String
    @Argument(help: "The value.") var value: Double
    @Option(help: "When it was read (RFC 3339 or site time), if not now.") var at: String?

    func run() throws {
        let reply = try connection.call(
            MaintenanceInterface.recordMeter,
            RecordMeterParameters(equipment: equipment, meter: meter, value: value, at: at))
        if connection.json { return connection.printJSON(reply) }
        print("recorded #\(reply.record.id): \(meter) = \(value.formatted(maxFractionDigits: 6))")
    }
}

/// `maintctl history [EQUIPMENT[/TASK]]`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "Show records, newest first.")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "EQUIPMENT or EQUIPMENT/TASK.") var target: String?
    @Option(help: "Only records of work done (others: made) since (RFC 3339 or site date).") var since: String?
    @Option(help: "Only records of work done (others: made) before (RFC 3339 or site date).") var until: String?
    @Option(
        help:
            "Only these kinds, comma-separated: record kinds (completion, correction, review, meter-reading, meter-correction, deferral, deferral-cancellation, skip, ...) and task kinds (calibration, lubrication, inspection, ...)."
    )
    var kind: String?
    @Option(help: "Only records of equipment on this line (\"-\": outside any line).") var line: String?
    @Option(help: "Only records made by this user (login name).") var by: String?
    @Flag(help: "Also maintd's own records (notifications, configuration revisions, first sightings).") var all = false
    @Option(help: "At most this many records.") var limit: Int = 50

    func run() throws {
        let parts = target?.split(separator: "/", maxSplits: 1).map(String.init) ?? []
        let client = try connection.connect()
        // Without record kinds, people's records (maintd's own too with --all); task kinds narrow those.
        let asked = kind?.split(separator: ",").map { String($0).trimmingSpaces() } ?? []
        let recordKinds = asked.filter { RecordKind(rawValue: $0) != nil }
        let defaultKinds = all ? [] : RecordKind.userKinds.map(\.rawValue)
        let kinds = (recordKinds.isEmpty ? defaultKinds : []) + asked
        let reply = try connection.call(
            MaintenanceInterface.history,
            HistoryParameters(
                equipment: parts.first, task: parts.count > 1 ? parts[1] : nil,
                kind: kinds.isEmpty ? nil : kinds.joined(separator: ","), line: line, since: since, until: until,
                by: by, limit: limit), on: client)
        if connection.json { return connection.printJSON(reply) }
        if reply.records.isEmpty {
            print("no records" + (target.map { " of \($0)" } ?? ""))
            return
        }
        print(try connection.presentation(client: client).history(reply.records))
    }
}

/// `maintctl watch`: events as they happen, until interrupted.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch", abstract: "Follow events as they happen.")
    @OptionGroup var connection: ConnectionOptions
    @Option(help: "Only this line (\"-\": equipment outside any line).") var line: String?
    @Option(help: "Only this equipment.") var equipment: String?
    @Option(help: "Only this event or task kind.") var kind: String?

    func run() throws {
        var client = try connection.connect()
        let presentation = try connection.presentation(client: client)
        while true {
            do {
                try client.stream(
                    MaintenanceInterface.watch, WatchParameters(line: line, equipment: equipment, kind: kind)
                ) { reply in
                    // Written straight to the descriptor: a pipe would otherwise hold lines back.
                    let text = connection.json ? VarlinkCoding.encode(reply) : presentation.event(reply.event)
                    Standard.output((text + "\n"))
                    return true
                }
                return
            } catch let error as VarlinkError {
                Standard.error("Error: \(ErrorWording.sentence(error))\n")
                throw ExitCode(1)
            } catch {
                // maintd went away (a restart, an upgrade): say so and follow it when it is back.
                Standard.error("maintctl: maintd went away (\(error)); reconnecting…\n")
                client = Self.reconnect(connection)
                Standard.error("maintctl: reconnected to \(connection.socketPath)\n")
            }
        }
    }

    /// Tries again every second until maintd answers.
    static func reconnect(_ connection: ConnectionOptions) -> VarlinkClient {
        while true {
            sleep(1)
            if let client = try? VarlinkClient(path: connection.socketPath) { return client }
        }
    }
}

/// `maintctl reload` (leads).
struct ReloadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reload",
        abstract: "Reload the configuration; on errors the old one stays and every error is shown.")
    @OptionGroup var connection: ConnectionOptions

    func run() throws {
        let reply = try connection.call(MaintenanceInterface.reload, NoParameters())
        if connection.json { return connection.printJSON(reply) }
        print("configuration reloaded: \(reply.summary)")
    }
}

/// `maintctl review` lists completions waiting for review; `maintctl review RECORD --accept` or
/// `--reject --reason TEXT` records one.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "List completions waiting for a second person's review, or review one (accept or reject).")
    @OptionGroup var connection: ConnectionOptions
    @Argument(help: "The record to review (see maintctl review); without it, what waits is listed.") var record: Int64?
    @Flag(help: "Accept it: the completion counts from when the work was done.") var accept = false
    @Flag(help: "Reject it (with --reason): the completion does not count.") var reject = false
    @Option(help: "Why (required to reject).") var reason: String?

    func validate() throws {
        if record == nil {
            if accept || reject || reason != nil { throw ValidationError("give the record to review") }
            return
        }
        if accept == reject { throw ValidationError("give either --accept or --reject") }
        if reject && reason == nil { throw ValidationError("a rejection needs --reason") }
    }

    func run() throws {
        let client = try connection.connect()
        guard let record else {
            let reply = try connection.call(MaintenanceInterface.listReviews, NoParameters(), on: client)
            if connection.json { return connection.printJSON(reply) }
            if reply.reviews.isEmpty { return print("nothing waits for review") }
            print(try connection.presentation(client: client).reviews(reply.reviews))
            return
        }
        let reply = try connection.call(
            MaintenanceInterface.reviewRecord,
            ReviewRecordParameters(record: record, verdict: accept ? "accepted" : "rejected", reason: reason),
            on: client)
        if connection.json { return connection.printJSON(reply) }
        let presentation = try connection.presentation(client: client)
        print("record #\(record) \(accept ? "accepted" : "rejected") (review record #\(reply.record.id))")
        if let task = reply.task { print("next: \(task.state) \(presentation.when(task))") }
    }
}
