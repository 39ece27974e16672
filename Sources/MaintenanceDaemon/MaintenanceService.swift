public import Foundation
public import Logging
import MaintenanceCore
import MaintenanceFiles
import MaintenanceStore
public import ServiceLifecycle
import Systemd

/// The running daemon. All of its state lives on one serial queue: the scheduler, the store, the single
/// `DispatchSourceTimer` armed at the next state change, the wall-clock monitor and the watchdog. The socket server
/// hands requests to the same queue, so records and state changes are never interleaved.
public final class MaintenanceService: Service, @unchecked Sendable {
    /// Why the daemon cannot start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    let options: DaemonOptions
    let logger: Logger
    let queue = DispatchQueue(label: "maintd.scheduler")
    let journal = EventJournal()
    let store: MaintenanceStore
    let daemonAuthor = RecordAuthor.daemon(uid: getuid())

    // Confined to `queue`.
    var loaded: LoadedConfiguration
    var scheduler: Scheduler
    var rejectedReload: String?
    private var timer: (any DispatchSourceTimer)?
    private var armedDeadline: Date?
    private var clockMonitor: WallClockMonitor?
    private var zoneMonitor: ZoneFileMonitor?
    private var watchdog: (any DispatchSourceTimer)?
    private var hangup: (any DispatchSourceSignal)?
    private var listener: ControlSocket.Listener?
    private var server: VarlinkServer?
    /// How often the scheduling timer woke the process (for the idle measurements in BENCHMARKS.md).
    private(set) var wakeups = 0
    /// When this process started.
    let startedAt = Date()
    /// What the last successful reload changed.
    var lastReloadSummary = ""
    /// Tasks whose latest completion had readings outside limits, with that record: until a passing one.
    var outOfTolerance: [TaskKey: Int64] = [:]
    /// Asks the service group to shut down gracefully; set by the executable before the group runs.
    public var requestShutdown: @Sendable () -> Void = {}
    private var shutdownSignals: [any DispatchSourceSignal] = []
    /// Observers of every event (the socket's `Watch` streams), called on `queue`.
    var eventObservers: [UUID: @Sendable (MaintenanceEvent) -> Void] = [:]

    var configuration: Configuration { loaded.configuration }

    /// Loads the configuration, opens the history and the socket; throws a message for people if any fails.
    public init(options: DaemonOptions, logger: Logger) throws(StartError) {
        self.options = options
        self.logger = logger
        do {
            loaded = try LoadedConfiguration.load(options.configFile, zones: ZoneInfoDirectory())
        } catch {
            throw StartError(description: "the configuration \(options.configFile) is invalid:\n\(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: options.stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw StartError(description: "cannot create the state directory \(options.stateDirectory): \(error)")
        }
        do {
            store = try MaintenanceStore(path: options.databasePath)
            let records = try store.allRecords()
            let (history, marks) = MaintenanceStore.replay(records)
            scheduler = Scheduler(history: history, marks: marks)
            outOfTolerance = Self.toleranceState(MaintenanceStore.effectiveCompletions(records))
        } catch {
            throw StartError(description: error.description)
        }
        do {
            listener = try ControlSocket.open(path: options.socketPath)
        } catch {
            throw StartError(description: error.description)
        }
    }

    /// The listening socket's descriptor, for the server.
    public var listeningDescriptor: Int32 { listener!.descriptor }

    /// Starts scheduling and tells systemd it is ready.
    public func start() {
        queue.sync {
            // SIGTERM and SIGINT are handled from the very start, long before READY=1: a stop request right after start-up is
            // never lost in the moment before the service group would have installed its own handlers.
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [requestShutdown] in requestShutdown() }
                source.resume()
                shutdownSignals.append(source)
            }
            let now = Date()
            recordRevision(summary: "loaded at start", now: now)
            perform(scheduler.configLoaded(configuration, now: now))
            let timer = DispatchSource.makeTimerSource(flags: .strict, queue: queue)
            timer.setEventHandler { [unowned self] in timerFired() }
            timer.schedule(wallDeadline: .distantFuture)
            timer.resume()
            self.timer = timer
            armTimer()
            clockMonitor = WallClockMonitor(queue: queue) { [unowned self] in
                logger.notice("the wall clock was set; recomputing every task")
                perform(scheduler.clockChanged(now: Date()))
            }
            watchZoneFile()
            signal(SIGHUP, SIG_IGN)
            let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
            hangup.setEventHandler { [unowned self] in _ = reload(requestedBy: "SIGHUP") }
            hangup.resume()
            self.hangup = hangup
            startWatchdog()
            announce([
                MaintenanceEvent(
                    kind: .started, at: now,
                    message:
                        "maintd started: \(configuration.tasks.count) tasks on \(configuration.equipment.count) machines at \(configuration.siteName)",
                    details: ["config": options.configFile, "socket": listener?.path ?? options.socketPath])
            ])
        }
        // READY=1 only once the socket is served as well.
        do {
            server = try VarlinkServer(descriptor: listeningDescriptor, service: self, logger: logger)
        } catch {
            logger.critical("cannot serve the socket", metadata: ["error": "\(error)"])
        }
        queue.sync {
            ServiceManager.notify("READY=1\nSTATUS=\(statusLine(now: Date()))")
            logger.info(
                "ready",
                metadata: [
                    "socket": "\(listener?.path ?? options.socketPath)", "activated": "\(listener?.activated ?? false)",
                ])
        }
    }

    /// Runs until SIGTERM or SIGINT (swift-service-lifecycle), then finishes what is in flight and stops.
    public func run() async throws {
        start()
        try? await gracefulShutdown()
        stop()
    }

    /// Stops timers, tells systemd and the journal, closes the history.
    public func stop() {
        server?.stop()
        queue.sync {
            ServiceManager.notify("STOPPING=1\nSTATUS=stopping")
            timer?.cancel()
            watchdog?.cancel()
            hangup?.cancel()
            clockMonitor = nil
            announce([MaintenanceEvent(kind: .stopping, at: Date(), message: "maintd is stopping")])
            store.close()
            if let listener, !listener.activated { unlink(listener.path) }
        }
        LogSink.shared.flush()
    }

    // MARK: Scheduling

    private func timerFired() {
        let now = Date()
        wakeups += 1
        if let deadline = armedDeadline, now < deadline {
            armTimer()  // woke early: sleep again until the deadline itself
            return
        }
        perform(scheduler.timerFired(now: now))
    }

    /// Carries out what the scheduler decided.
    func perform(_ actions: [SchedulerAction]) {
        for action in actions {
            switch action {
            case .arm(let deadline):
                armedDeadline = deadline
                armTimer()
            case .notify(let events):
                announce(events)
                remember(events)
            case .recordFirstSeen(let keys, let at):
                append(
                    keys.map { key in
                        RecordDraft(
                            recordedAt: at, author: daemonAuthor, equipment: key.equipment, task: key.task,
                            payload: .firstSeen(FirstSeenRecord(at: at)))
                    })
            }
        }
        ServiceManager.notify("STATUS=\(statusLine(now: Date()))")
    }

    private func armTimer() {
        guard let timer else { return }
        guard let deadline = armedDeadline else {
            timer.schedule(wallDeadline: .distantFuture)
            return
        }
        let seconds = deadline.timeIntervalSince1970.rounded(.down)
        let spec = timespec(tv_sec: Int(seconds), tv_nsec: Int((deadline.timeIntervalSince1970 - seconds) * 1e9))
        timer.schedule(wallDeadline: DispatchWallTime(timespec: spec), leeway: .milliseconds(1))
    }

    /// Sends events to the journal and to watchers.
    func announce(_ events: [MaintenanceEvent]) {
        for event in events {
            journal.record(event, configuration: configuration)
            for observer in eventObservers.values { observer(event) }
        }
    }

    /// Remembers state announcements in the ledger, so a restart neither repeats nor loses them.
    private func remember(_ events: [MaintenanceEvent]) {
        let drafts = events.compactMap { event -> RecordDraft? in
            guard let key = event.task, let state = event.state,
                let status = scheduler.statuses[key]
            else { return nil }
            return RecordDraft(
                recordedAt: event.at, author: daemonAuthor, equipment: key.equipment, task: key.task,
                payload: .notification(
                    NotificationRecord(
                        event: event.kind.rawValue, occurrence: status.announcementKey, state: state.rawValue,
                        message: event.message)))
        }
        append(drafts)
    }

    /// Appends daemon records; a failure is logged loudly but never stops the scheduler.
    private func append(_ drafts: [RecordDraft]) {
        guard !drafts.isEmpty else { return }
        do {
            _ = try store.append(drafts)
        } catch {
            logger.error("could not write to the history", metadata: ["error": "\(error)"])
        }
    }

    private func recordRevision(summary: String, now: Date) {
        append([
            RecordDraft(
                recordedAt: now, author: daemonAuthor,
                payload: .configRevision(
                    ConfigRevisionRecord(
                        contentHash: loaded.contentHash, files: configuration.files, summary: summary)))
        ])
    }

    // MARK: Reload

    /// Reloads the configuration: validated fully first; on any error the old one stays. Returns the errors.
    @discardableResult
    func reload(requestedBy who: String) -> [ConfigurationDiagnostic] {
        let now = Date()
        ServiceManager.notify("RELOADING=1\nMONOTONIC_USEC=\(ServiceManager.monotonicMicroseconds())")
        defer { ServiceManager.notify("READY=1\nSTATUS=\(statusLine(now: Date()))") }
        let next: LoadedConfiguration
        do {
            // Fresh zone data on every reload, so an updated tzdata package takes effect with `systemctl reload`.
            next = try LoadedConfiguration.load(options.configFile, zones: ZoneInfoDirectory())
        } catch {
            rejectedReload = "configuration rejected (\(error.diagnostics.count) errors), running the previous one"
            for diagnostic in error.diagnostics {
                logger.error(
                    "\(diagnostic.description)",
                    metadata: [
                        "config_file": "\(diagnostic.file)", "config_line": "\(diagnostic.location.line)",
                        "config_column": "\(diagnostic.location.column)", "config_path": "\(diagnostic.path)",
                    ])
            }
            let first = error.diagnostics.first.map { ": first: \($0)" } ?? ""
            announce([
                MaintenanceEvent(
                    kind: .configRejected, at: now,
                    message:
                        "Configuration \(options.configFile) rejected with \(error.diagnostics.count) errors; maintd keeps running the previous one\(first)",
                    details: ["requested_by": who, "errors": String(error.diagnostics.count)])
            ])
            return error.diagnostics
        }
        let diff = ConfigurationDiff(from: configuration, to: next.configuration)
        let orphaned = diff.removed.filter { id in
            guard let key = TaskKey(id) else { return false }
            return !(scheduler.history.completions[key] ?? []).isEmpty
        }
        loaded = next
        rejectedReload = nil
        lastReloadSummary = diff.description
        recordRevision(summary: diff.description, now: now)
        perform(scheduler.configLoaded(next.configuration, now: now))
        watchZoneFile()
        var message = "Configuration reloaded: \(diff)"
        if !orphaned.isEmpty {
            message +=
                ". History kept for removed \(orphaned.joined(separator: ", ")); if they were renamed, list the old id in \"formerIds\""
        }
        announce([
            MaintenanceEvent(
                kind: .configReloaded, at: now, message: message,
                details: [
                    "requested_by": who, "added": diff.added.joined(separator: ","),
                    "removed": diff.removed.joined(separator: ","), "changed": diff.changed.joined(separator: ","),
                    "content_hash": next.contentHash,
                ])
        ])
        return []
    }

    /// Tasks whose latest effective completion was out of tolerance, with that record: a failed completion with
    /// readings outside limits marks the task, a passing one clears it.
    static func toleranceState(
        _ completions: [(id: Int64, task: TaskKey, record: CompletionRecord)]
    ) -> [TaskKey: Int64] {
        var result: [TaskKey: Int64] = [:]
        for entry in completions.sorted(by: { $0.record.performedAt < $1.record.performedAt }) {
            applyTolerance(entry.record, id: entry.id, task: entry.task, to: &result)
        }
        return result
    }

    /// The rule: readings outside limits mark the task out of tolerance; a passing completion clears it.
    static func applyTolerance(
        _ completion: CompletionRecord, id: Int64, task: TaskKey, to state: inout [TaskKey: Int64]
    ) {
        if !completion.outOfTolerance.isEmpty {
            state[task] = id
        } else if completion.passed {
            state[task] = nil
        }
    }

    /// Recomputes with fresh rules when the site zone's tzdata file changes (a tzdata package update).
    private func watchZoneFile() {
        let zoneFile = ZoneInfoDirectory().path + "/" + configuration.timezone
        zoneMonitor = ZoneFileMonitor(zoneFile: zoneFile, queue: queue) { [unowned self] in
            logger.notice(
                "time zone data changed; reloading the configuration with the new rules",
                metadata: ["zone": "\(configuration.timezone)"])
            _ = reload(requestedBy: "tzdata change")
        }
    }

    // MARK: systemd

    private func startWatchdog() {
        guard let interval = ServiceManager.watchdogInterval() else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let half = interval / 2
        let nanoseconds =
            Int(half.components.seconds) * 1_000_000_000 + Int(half.components.attoseconds / 1_000_000_000)
        timer.schedule(deadline: .now(), repeating: .nanoseconds(nanoseconds), leeway: .milliseconds(100))
        timer.setEventHandler { ServiceManager.notify("WATCHDOG=1") }
        timer.resume()
        watchdog = timer
    }

    /// "41 tasks: 3 due, 1 overdue; next change Tue 06:00".
    func statusLine(now: Date) -> String {
        let count = stateCounts()
        var parts = ["\(scheduler.statuses.count) tasks"]
        let counts = [DueState.overdue, .due, .upcoming, .deferred, .suspended].compactMap { state -> String? in
            count(state) > 0 ? "\(count(state)) \(state.rawValue)" : nil
        }
        if !counts.isEmpty { parts[0] += ": " + counts.reversed().joined(separator: ", ") }
        if let next = scheduler.nextDeadline {
            let local = configuration.zone.localTime(at: next.secondsSinceEpoch)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let hh = local.hour < 10 ? "0\(local.hour)" : "\(local.hour)"
            let mm = local.minute < 10 ? "0\(local.minute)" : "\(local.minute)"
            parts.append("next change \(days[local.weekday]) \(hh):\(mm)")
        } else {
            parts.append("nothing scheduled to change")
        }
        if let rejectedReload { parts.append(rejectedReload) }
        return parts.joined(separator: "; ")
    }
}
