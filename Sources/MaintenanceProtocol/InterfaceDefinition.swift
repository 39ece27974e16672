/// The Varlink interface `io.maintd.Maintenance`, as shipped in `io.maintd.Maintenance.varlink` (a test keeps the two
/// identical) and returned by `org.varlink.service.GetInterfaceDescription`.
public enum InterfaceDefinition {
    public static let name = "io.maintd.Maintenance"

    public static let text = #"""
        # Preventive maintenance: what is due, what was done, meters, deferrals.
        # Times are RFC 3339 strings in UTC; durations are maintd durations such as "7d" or "8h".
        interface io.maintd.Maintenance

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
          outOfTolerance: bool
        )

        # A value a task asks for, with its acceptance limits.
        type Reading (
          id: string,
          unit: string,
          label: ?string,
          min: ?float,
          max: ?float
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
          note: ?string,
          outOfTolerance: ?[]string,
          meter: ?string,
          value: ?float,
          at: ?string,
          until: ?string,
          reason: ?string,
          occurrence: ?string,
          summary: ?string,
          supersededBy: ?int,
          hash: string
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
          timerWakeups: int
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

        # Counts of tasks by state, the next change, the configuration in use.
        method GetStatus() -> (status: Status)

        # Equipment, optionally on one line.
        method ListEquipment(line: ?string) -> (equipment: []Equipment)

        # Tasks, most urgent first; dueWithin is a duration such as "7d".
        method ListTasks(line: ?string, equipment: ?string, kind: ?string, state: ?string, dueWithin: ?string) -> (tasks: []Task)

        # One task with its instructions, readings to take and recent history.
        method GetTask(equipment: string, task: string, historyLimit: ?int) -> (task: Task, instructions: ?string, readings: []Reading, history: []Record)

        # Records work done by the calling user; readings outside limits make it fail (ReadingOutOfRange, still stored).
        method CompleteTask(equipment: string, task: string, performedAt: ?string, result: ?string, readings: ?[string]float, note: ?string) -> (record: Record, task: Task)

        # A new record that supersedes an earlier completion (or withdraws it), with a reason.
        method CorrectRecord(record: int, reason: string, performedAt: ?string, result: ?string, readings: ?[string]float, note: ?string, withdraw: ?bool) -> (record: Record)

        # Postpones the current occurrence until a time (leads).
        method DeferTask(equipment: string, task: string, until: string, reason: string) -> (record: Record, task: Task)

        # Skips the current occurrence (leads).
        method SkipOccurrence(equipment: string, task: string, reason: string) -> (record: Record, task: Task)

        # Records a meter value (integrators and technicians); refused if lower than before or implausibly high.
        method RecordMeter(equipment: string, meter: string, value: float, at: ?string) -> (record: Record)

        # Records, newest first.
        method History(equipment: ?string, task: ?string, kind: ?string, since: ?string, limit: ?int) -> (records: []Record)

        # Streams every event (call with "more"), optionally filtered, until the client hangs up.
        method Watch(line: ?string, equipment: ?string, kind: ?string) -> (event: Event)

        # Reloads the configuration (leads); ConfigRejected lists every error and the old configuration stays.
        method Reload() -> (summary: string, contentHash: string)

        error NoSuchEquipment (equipment: string)
        error NoSuchTask (equipment: string, task: string)
        error NoSuchMeter (equipment: string, meter: string)
        error NoSuchRecord (record: int)
        error InvalidParameter (parameter: string, reason: string)
        error PermissionDenied (method: string, user: string, role: string, required: string)
        error ReadingOutOfRange (record: Record, readings: []string)
        error MeterReadingRejected (equipment: string, meter: string, reason: string)
        error ConfigRejected (errors: []ConfigError)
        error HistoryUnavailable (reason: string)

        """#
}
