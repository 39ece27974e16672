public import MaintenanceCore

/// The Varlink interface `io.maintd.Maintenance`: its types, every method declared once, and its errors. The text is
/// shipped as `io.maintd.Maintenance.varlink` (a test keeps the two identical) and returned by
/// `org.varlink.service.GetInterfaceDescription`.
public enum MaintenanceInterface {
    public static let name = "io.maintd.Maintenance"

    private static let header = """
        # Preventive maintenance: what is due, what was done, meters, deferrals.
        # Times are RFC 3339 strings in UTC; durations are maintd durations such as "7d" or "8h".
        interface io.maintd.Maintenance
        """

    private static let types = #"""
        # Progress of a meter-triggered occurrence.
        type MeterProgress (
          meter: string,
          unit: string,
          dueValue: float,
          current: ?float,
          ratePerHour: ?float
        )

        # A task and where it stands.
        type Task (
          equipment: string,
          task: string,
          equipmentName: string,
          line: string,
          lineName: string,
          kind: string,
          title: string,
          procedure: ?string,
          state: string,
          trigger: string,
          occurrence: string,
          dueAt: ?string,
          upcomingAt: ?string,
          overdueAt: ?string,
          forecastAt: ?string,
          lastDone: ?string,
          meter: ?MeterProgress,
          deferredUntil: ?string,
          deferralReason: ?string,
          deferrable: bool,
          outOfTolerance: bool,
          awaitingRetest: bool,
          failedRecord: ?int,
          review: ?string,
          awaitingReview: ?int,
          dueMovedFrom: ?string,
          dueMoveReason: ?string,
          noShutdownFits: ?bool,
          followUpOf: ?int,
          estimatedDuration: ?string,
          estimatedHours: ?float,
          downtime: ?bool,
          lockout: ?bool,
          assignee: ?string,
          parts: ?[]Part,
          blocksOperation: ?bool
        )

        # Why equipment may not run: reason "overdue" (since the task became overdue), "failed" (record failed at
        # since, awaiting a passing retest) or "out-of-service".
        type GateReason (
          reason: string,
          task: ?string,
          title: ?string,
          since: ?string,
          record: ?int,
          message: string
        )

        # A part a task needs.
        type Part (
          number: string,
          quantity: float,
          description: ?string
        )

        # A value a task asks for, with its acceptance limits: type "number" or "check" (pass or fail), stage
        # "as-found" (a finding when outside limits) or "as-left" (decides pass or fail).
        type Reading (
          id: string,
          unit: string,
          label: ?string,
          min: ?float,
          max: ?float,
          type: string,
          stage: string,
          required: bool
        )

        # A checklist step: type "check" (answered pass, fail or n-a), "number" (within min and max), "text" or
        # "meter" (recorded as that meter's reading too).
        type Step (
          id: string,
          text: string,
          type: string,
          unit: ?string,
          min: ?float,
          max: ?float,
          meter: ?string,
          required: bool
        )

        # A checklist step as answered, with its text as it was then.
        type StepResult (
          id: string,
          text: string,
          type: string,
          check: ?string,
          value: ?float,
          answer: ?string,
          unit: ?string,
          min: ?float,
          max: ?float,
          failed: bool
        )

        # A record in the append-only history.
        type Record (
          id: int,
          kind: string,
          recordedAt: string,
          by: string,
          uid: int,
          equipment: ?string,
          task: ?string,
          corrects: ?int,
          performedAt: ?string,
          result: ?string,
          readings: ?[string]float,
          checks: ?[string]bool,
          note: ?string,
          outOfTolerance: ?[]string,
          findings: ?[]string,
          steps: ?[]StepResult,
          nonConformance: ?string,
          dueAt: ?string,
          overdueAt: ?string,
          onTime: ?bool,
          meter: ?string,
          value: ?float,
          at: ?string,
          until: ?string,
          reason: ?string,
          occurrence: ?string,
          summary: ?string,
          supersededBy: ?int,
          signedBy: ?string,
          meaning: ?string,
          onBehalfOf: ?Contractor,
          review: ?string,
          reviewedIn: ?int,
          hash: string
        )

        # Someone from outside the plant whose work a technician records on their behalf.
        type Contractor (
          name: string,
          company: string
        )

        # A completion waiting for a second person's review; mayReview says whether the caller may.
        type Review (
          record: Record,
          task: ?Task,
          role: string,
          signers: []string,
          mayReview: bool
        )

        # How many occurrences came out which way; compliance = onTime / (onTime + late + missed), 0 to 1.
        type ComplianceCounts (
          due: int,
          onTime: int,
          late: int,
          missed: int,
          open: int,
          deferred: int,
          skipped: int,
          compliance: ?float
        )

        # A line's counts for one kind of task, or without a kind the line's total ("-": outside any line).
        type ComplianceRow (
          line: string,
          lineName: string,
          kind: ?string,
          due: int,
          onTime: int,
          late: int,
          missed: int,
          open: int,
          deferred: int,
          skipped: int,
          compliance: ?float
        )

        # An occurrence a report counted: result onTime, late, missed, open, deferred or skipped.
        type ReportOccurrence (
          equipment: string,
          task: string,
          equipmentName: string,
          title: string,
          line: string,
          kind: string,
          occurrence: string,
          dueAt: string,
          deadline: ?string,
          result: string,
          record: ?int,
          performedAt: ?string,
          deferredUntil: ?string,
          deferralReason: ?string,
          deferralRecord: ?int
        )

        # A meter and its latest reading.
        type Meter (
          id: string,
          unit: string,
          value: ?float,
          at: ?string
        )

        # A piece of equipment.
        type Equipment (
          id: string,
          name: string,
          line: string,
          lineName: string,
          location: string,
          inService: bool,
          commissioned: ?string,
          meters: []Meter,
          tasks: []string,
          outOfTolerance: bool
        )

        # The daemon at a glance.
        type Status (
          site: string,
          timezone: string,
          tasks: int,
          scheduled: int,
          upcoming: int,
          due: int,
          overdue: int,
          deferred: int,
          suspended: int,
          nextChange: ?string,
          outOfTolerance: []string,
          configHash: string,
          configFiles: []string,
          rejectedReload: ?string,
          startedAt: string,
          version: string,
          timerWakeups: int,
          completions: int,
          failedCompletions: int,
          findings: int
        )

        # Something that happened (the same events go to the journal).
        type Event (
          kind: string,
          message: string,
          at: string,
          equipment: ?string,
          task: ?string,
          line: ?string,
          state: ?string,
          dueAt: ?string,
          details: [string]string
        )

        # One problem in a configuration.
        type ConfigError (
          file: string,
          line: int,
          column: int,
          path: string,
          message: string
        )
        """#

    /// Every method, in the order the interface lists them.
    public static let methods: [MethodDeclaration] = [
        getStatus.declaration, listEquipment.declaration, listTasks.declaration, getTask.declaration,
        completeTask.declaration, correctRecord.declaration, deferTask.declaration, cancelDeferral.declaration,
        skipOccurrence.declaration, recordMeter.declaration, correctMeterReading.declaration, listReviews.declaration,
        reviewRecord.declaration, history.declaration, complianceReport.declaration, verifyHistory.declaration,
        mayOperate.declaration, watch.declaration, reload.declaration,
    ]

    public static let getStatus = VarlinkMethod<NoParameters, GetStatusReply>(
        MethodDeclaration(
            "GetStatus", "Counts of tasks by state, the next change, the configuration in use.", reply: "status: Status"
        ))

    public static let listEquipment = VarlinkMethod<ListEquipmentParameters, ListEquipmentReply>(
        MethodDeclaration(
            "ListEquipment", "Equipment, optionally on one line.", parameters: "line: ?string",
            reply: "equipment: []Equipment"))

    public static let listTasks = VarlinkMethod<ListTasksParameters, ListTasksReply>(
        MethodDeclaration(
            "ListTasks",
            "Tasks, most urgent first; dueWithin is a duration such as \"7d\"; mine: only those assigned to the caller or their groups.",
            parameters:
                "line: ?string, equipment: ?string, kind: ?string, state: ?string, dueWithin: ?string, mine: ?bool",
            reply: "tasks: []Task", errors: ["NoSuchEquipment"]))

    public static let getTask = VarlinkMethod<GetTaskParameters, GetTaskReply>(
        MethodDeclaration(
            "GetTask", "One task with its instructions, readings to take and recent history.",
            parameters: "equipment: string, task: string, historyLimit: ?int",
            reply: "task: Task, instructions: ?string, readings: []Reading, history: []Record, steps: []Step",
            errors: ["NoSuchEquipment", "NoSuchTask"]))

    public static let completeTask = VarlinkMethod<CompleteTaskParameters, RecordAndTaskReply>(
        MethodDeclaration(
            "CompleteTask",
            "Records work done by the calling user; as-left readings outside limits make it fail (ReadingOutOfRange, still stored), and so does a failed checklist step.",
            parameters:
                "equipment: string, task: string, performedAt: ?string, result: ?string, readings: ?[string]float, checks: ?[string]bool, note: ?string, onBehalfOf: ?Contractor, steps: ?[string]string, nonConformance: ?string",
            reply: "record: Record, task: Task", errors: ["NoSuchEquipment", "NoSuchTask", "ReadingOutOfRange"],
            records: true))

    public static let correctRecord = VarlinkMethod<CorrectRecordParameters, RecordReply>(
        MethodDeclaration(
            "CorrectRecord",
            "A new record that supersedes an earlier completion (or withdraws it), with a reason; your own, or anyone's for leads.",
            parameters:
                "record: int, reason: string, performedAt: ?string, result: ?string, readings: ?[string]float, checks: ?[string]bool, note: ?string, withdraw: ?bool",
            reply: "record: Record", errors: ["NoSuchRecord"], records: true))

    public static let deferTask = VarlinkMethod<DeferTaskParameters, RecordAndTaskReply>(
        MethodDeclaration(
            "DeferTask", "Postpones the current occurrence until a time after it is due, within maxDeferral (leads).",
            parameters: "equipment: string, task: string, until: string, reason: string",
            reply: "record: Record, task: Task", errors: ["NoSuchEquipment", "NoSuchTask"], role: .lead, records: true))

    public static let cancelDeferral = VarlinkMethod<CancelDeferralParameters, RecordAndTaskReply>(
        MethodDeclaration(
            "CancelDeferral", "Cancels the deferral of the current occurrence, with a reason (leads).",
            parameters: "equipment: string, task: string, reason: string", reply: "record: Record, task: Task",
            errors: ["NoSuchEquipment", "NoSuchTask"], role: .lead, records: true))

    public static let skipOccurrence = VarlinkMethod<SkipOccurrenceParameters, RecordAndTaskReply>(
        MethodDeclaration(
            "SkipOccurrence", "Skips the current occurrence (leads).",
            parameters: "equipment: string, task: string, reason: string", reply: "record: Record, task: Task",
            errors: ["NoSuchEquipment", "NoSuchTask"], role: .lead, records: true))

    public static let recordMeter = VarlinkMethod<RecordMeterParameters, RecordReply>(
        MethodDeclaration(
            "RecordMeter",
            "Records a meter value (integrators and technicians); refused if lower than before or implausibly high.",
            parameters: "equipment: string, meter: string, value: float, at: ?string", reply: "record: Record",
            errors: ["NoSuchEquipment", "NoSuchMeter", "MeterReadingRejected"], records: true))

    public static let correctMeterReading = VarlinkMethod<CorrectMeterReadingParameters, RecordReply>(
        MethodDeclaration(
            "CorrectMeterReading", "A corrected value for a meter reading, or its withdrawal, with a reason (leads).",
            parameters: "record: int, reason: string, value: ?float, withdraw: ?bool", reply: "record: Record",
            errors: ["NoSuchRecord", "MeterReadingRejected"], role: .lead, records: true))

    public static let listReviews = VarlinkMethod<NoParameters, ListReviewsReply>(
        MethodDeclaration(
            "ListReviews", "Completions waiting for a second person's review, oldest first.",
            reply: "reviews: []Review"))

    public static let reviewRecord = VarlinkMethod<ReviewRecordParameters, ReviewRecordReply>(
        MethodDeclaration(
            "ReviewRecord",
            "Reviews a completion waiting for it: verdict \"accepted\" or \"rejected\" (with a reason); by another person than who recorded it, with the role the task asks for.",
            parameters: "record: int, verdict: string, reason: ?string", reply: "record: Record, task: ?Task",
            errors: ["NoSuchRecord"], records: true))

    public static let history = VarlinkMethod<HistoryParameters, HistoryReply>(
        MethodDeclaration(
            "History",
            "Records, newest first, under current and former ids; kind takes record kinds and task kinds, comma-separated; since and until bound when the work was done (completions, corrections) or the record made (others); by is who recorded them.",
            parameters:
                "equipment: ?string, task: ?string, kind: ?string, line: ?string, since: ?string, until: ?string, by: ?string, limit: ?int",
            reply: "records: []Record", errors: ["NoSuchEquipment", "NoSuchTask"]))

    public static let complianceReport = VarlinkMethod<ComplianceReportParameters, ComplianceReportReply>(
        MethodDeclaration(
            "ComplianceReport",
            "PM compliance of the occurrences due in [from, to), per line and kind; grace \"tolerance\" (configured windows, the default) or \"smrp\" (20 % of the interval, at most 28 days).",
            parameters: "from: string, to: string, line: ?string, kind: ?string, grace: ?string",
            reply:
                "site: string, from: string, to: string, policy: string, policyDescription: string, generatedAt: string, rows: []ComplianceRow, total: ComplianceCounts, exceptions: []ReportOccurrence, exceptionsOmitted: int"
        ))

    public static let verifyHistory = VarlinkMethod<NoParameters, VerifyHistoryReply>(
        MethodDeclaration(
            "VerifyHistory",
            "Checks the hash chain of every record and the database against the journal's checkpoints.",
            reply: "intact: bool, records: int, summary: string", errors: ["HistoryUnavailable"]))

    public static let mayOperate = VarlinkMethod<MayOperateParameters, MayOperateReply>(
        MethodDeclaration(
            "MayOperate",
            "Whether equipment may run now: not while a task marked blocksOperation is overdue or awaits a retest after failing, nor out of service; blockingTasks lists the tasks that can stop it.",
            parameters: "equipment: string",
            reply:
                "equipment: string, equipmentName: string, mayOperate: bool, reasons: []GateReason, blockingTasks: []string, checkedAt: string",
            errors: ["NoSuchEquipment"]))

    public static let watch = VarlinkMethod<WatchParameters, WatchReply>(
        MethodDeclaration(
            "Watch", "Streams every event (call with \"more\"), optionally filtered, until the client hangs up.",
            parameters: "line: ?string, equipment: ?string, kind: ?string", reply: "event: Event", streams: true))

    public static let reload = VarlinkMethod<NoParameters, ReloadReply>(
        MethodDeclaration(
            "Reload",
            "Reloads the configuration (leads); ConfigRejected lists every error and the old configuration stays.",
            reply: "summary: string, contentHash: string", errors: ["ConfigRejected"], role: .lead))

    /// The errors of the interface, as the definition writes them.
    public static let errors = [
        "error NoSuchEquipment (equipment: string)",
        "error NoSuchTask (equipment: string, task: string)",
        "error NoSuchMeter (equipment: string, meter: string)",
        "error NoSuchRecord (record: int)",
        "error InvalidParameter (parameter: string, reason: string)",
        "error PermissionDenied (method: string, user: string, role: string, required: string, groups: []string)",
        "error ReadingOutOfRange (record: Record, readings: []string)",
        "error MeterReadingRejected (equipment: string, meter: string, reason: string)",
        "error ConfigRejected (errors: []ConfigError)",
        "error HistoryUnavailable (reason: string)",
        "error TooManyConnections (user: ?string, limit: int)",
    ]

    /// The interface definition.
    public static let text: String =
        ([header, "", types] + methods.map { $0.definition + "\n" } + [errors.joined(separator: "\n"), ""])
        .joined(separator: "\n")

    private static let byName = Dictionary(uniqueKeysWithValues: methods.map { ($0.name, $0) })

    /// The declaration of a method ("io.maintd.Maintenance.ListTasks" or "ListTasks"), if it is one of ours.
    public static func declaration(of method: String) -> MethodDeclaration? {
        byName[method.hasPrefix(name + ".") ? String(method.dropFirst(name.count + 1)) : method]
    }
}
