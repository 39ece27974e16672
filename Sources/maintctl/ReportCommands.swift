import ArgumentParser
import FoundationEssentials
import MaintenanceCLI
import MaintenanceCore
import MaintenanceProtocol

/// `maintctl report …`: what an auditor asks for, as text, JSON, CSV or a printable HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leads and auditors: compliance, overdue, equipment records.",
        subcommands: [ComplianceReportCommand.self, OverdueReportCommand.self, EquipmentReportCommand.self])
}

/// How a report is written: one of --json, --csv, --html, or text.
struct ReportFormat: ParsableArguments {
    @Flag(help: "Write the main table as CSV (RFC 4180).") var csv = false
    @Flag(help: "Write one self-contained printable HTML page.") var html = false

    func validate() throws {
        if csv && html { throw ValidationError("give one of --csv and --html") }
    }

    /// Prints the report in the format asked for (JSON is the reply as the daemon gave it).
    func write(_ document: ReportDocument, json: some Encodable, connection: ConnectionOptions) throws {
        if connection.json && (csv || html) { throw ValidationError("give one of --json, --csv and --html") }
        if connection.json { return connection.printJSON(json) }
        if csv { return Standard.output(document.csv()) }
        if html { return Standard.output(document.html()) }
        print(document.text(width: connection.tableWidth))
    }
}

struct ComplianceReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "PM compliance of the occurrences due in [--from, --to): on time, late, missed, open, deferred.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var format: ReportFormat
    @Option(help: "Start of the period (a site date such as 2026-07-01, or RFC 3339).") var from: String
    @Option(help: "End of the period, not included.") var to: String
    @Option(help: "Only this line (\"-\": equipment outside any line).") var line: String?
    @Option(help: "Only this task kind (lubrication, calibration, inspection, cleaning, ...).") var kind: String?
    @Option(
        help:
            "On time means: \"tolerance\" (the configured windows, default) or \"smrp\" (20 % of the interval, at most 28 days)."
    )
    var grace: String?

    func run() throws {
        let client = try connection.connect()
        let reply = try connection.call(
            MaintenanceInterface.complianceReport,
            ComplianceReportParameters(from: from, to: to, line: line, kind: kind, grace: grace), on: client)
        let presentation = ReportPresentation(try connection.presentation(client: client))
        try format.write(presentation.compliance(reply, line: line, kind: kind), json: reply, connection: connection)
    }
}

struct OverdueReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue",
        abstract: "The backlog now: overdue work oldest first, and what is deferred, with reasons.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var format: ReportFormat
    @Option(help: "Only this line (\"-\": equipment outside any line).") var line: String?

    struct Reply: Encodable {
        var site: String
        var generatedAt: String
        var line: String?
        var overdue: [WireTask]
        var deferred: [WireTask]
    }

    func run() throws {
        let client = try connection.connect()
        let overdue = try connection.call(
            MaintenanceInterface.listTasks, ListTasksParameters(line: line, state: "overdue"), on: client
        ).tasks.sorted { ($0.dueAt ?? "", $0.equipment, $0.task) < ($1.dueAt ?? "", $1.equipment, $1.task) }
        let deferred = try connection.call(
            MaintenanceInterface.listTasks, ListTasksParameters(line: line, state: "deferred"), on: client
        ).tasks
        let status = try connection.call(MaintenanceInterface.getStatus, NoParameters(), on: client).status
        let presentation = try connection.presentation(client: client)
        let document = ReportPresentation(presentation).overdue(
            overdue, deferred: deferred, site: status.site, line: line)
        let reply = Reply(
            site: status.site, generatedAt: Timestamp.rfc3339(presentation.now), line: line, overdue: overdue,
            deferred: deferred)
        try format.write(document, json: reply, connection: connection)
    }
}

struct EquipmentReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equipment",
        abstract: "The instrument record: every completion, correction and review with signer, readings and limits.")
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var format: ReportFormat
    @Argument(help: "The equipment id.") var equipment: String
    @Option(help: "Only work done (other records: made) since (a site date or RFC 3339).") var from: String?
    @Option(help: "Only work done (other records: made) before.") var to: String?

    struct Reply: Encodable {
        var site: String
        var from: String?
        var to: String?
        var equipment: WireEquipment
        var tasks: [GetTaskReply]
        var records: [WireRecord]
        var verification: VerifyHistoryReply
    }

    /// The records an instrument's file holds (maintd's own notifications and first sightings are not part of it).
    static let kinds = "completion,correction,review,deferral,deferral-cancellation,skip,meter-reading,meter-correction"

    func run() throws {
        let client = try connection.connect()
        guard
            let machine = try connection.call(MaintenanceInterface.listEquipment, ListEquipmentParameters(), on: client)
                .equipment.first(where: { $0.id == equipment })
        else {
            Standard.error("Error: no equipment \"\(TerminalText.escaped(equipment))\"\n")
            throw ExitCode(1)
        }
        let tasks = try machine.tasks.map { task in
            try connection.call(
                MaintenanceInterface.getTask, GetTaskParameters(equipment: machine.id, task: task, historyLimit: 0),
                on: client)
        }
        let records = try connection.call(
            MaintenanceInterface.history,
            HistoryParameters(equipment: machine.id, kind: Self.kinds, since: from, until: to, limit: 10_000),
            on: client, options: ConnectionOptions.commonOptions.merging(["since": "--from", "until": "--to"]) { $1 }
        ).records
        let verification = try connection.call(MaintenanceInterface.verifyHistory, NoParameters(), on: client)
        let status = try connection.call(MaintenanceInterface.getStatus, NoParameters(), on: client).status
        let presentation = try connection.presentation(client: client)
        let period: String? =
            from == nil && to == nil
            ? nil
            : "\(from ?? "the beginning") to \(to ?? Timestamp.wallClock(presentation.now, in: presentation.zone))"
        let document = ReportPresentation(presentation).equipment(
            machine, tasks: tasks, records: records, verification: verification, site: status.site, period: period)
        let reply = Reply(
            site: status.site, from: from, to: to, equipment: machine, tasks: tasks, records: records,
            verification: verification)
        try format.write(document, json: reply, connection: connection)
    }
}
