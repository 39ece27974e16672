public import Foundation
public import Logging
import MaintenanceCore
import MaintenanceFiles
import MaintenanceProtocol
public import MaintenanceStore
public import ServiceLifecycle
import Systemd

/// The running daemon: carries out what the ``Plant`` decides. All of its state is confined to one serial queue
/// (checked with `dispatchPrecondition` where it changes): the plant, the history, the single `DispatchSourceTimer`
/// armed at the next state change, the wall-clock monitor and the watchdog. The socket server hands requests to the
/// same queue, so records and state changes are never interleaved.
public final class MaintenanceService: Service, @unchecked Sendable {
    /// Why the daemon cannot start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    let options: DaemonOptions
    let logger: Logger
    let queue = DispatchQueue(label: "maintd.scheduler")
    let journal = EventJournal()
    let notifier = ServiceNotifier()
    /// Checkpoints of the history in the journal (nil for a history in memory).
    private var checkpoints: CheckpointJournal?
    let store: MaintenanceStore
    /// The wall clock (a fake one in tests).
    let clock: @Sendable () -> Date
    /// Every method of the interface with its handler.
    private(set) var methods = MethodTable()

    // Confined to `queue`.
    var plant: Plant {
        didSet {
            plantVersion &+= 1
            statusSnapshot.clear()
        }
    }
    /// ListTasks's encoded tasks by key (see `listTasksEncoded`); confined to `queue`.
    var wireTaskCache: [TaskKey: EncodedTask] = [:]
    /// GetStatus's reply for the event loops, cleared by every change to what it says.
    let statusSnapshot = StatusSnapshot()
    /// Changes whenever the plant does: a reload worked out off the queue is adopted only if the plant it started
    /// from is still the one in use.
    private var plantVersion = 0
    /// Writes of records adopted before they were durable (a large reload's), and what waits for them.
    private var writesInFlight = 0
    private var waitingForWrites: [() -> Void] = []
    var rejectedReload: String? {
        didSet { statusSnapshot.clear() }
    }
    /// Set when the history file was deleted, replaced or truncated under maintd: nothing is acknowledged any more.
    var historyProblem: String?
    /// What the last successful reload changed.
    var lastReloadSummary = ""
    /// Reload requests waiting for the next reload, and whether one is running.
    private var reloadWaiters: [(who: String, done: @Sendable ([ConfigurationDiagnostic]) -> Void)] = []
    private var reloadRunning = false
    private var timer: (any DispatchSourceTimer)?
    private var armedDeadline: Date?
    private var clockMonitor: WallClockMonitor?
    private var zoneMonitor: ZoneFileMonitor?
    private var watchdog: (any DispatchSourceTimer)?
    private var hangup: (any DispatchSourceSignal)?
    private var listener: ControlSocket.Listener?
    private var server: VarlinkServer?
    /// How often the scheduling timer woke the process (for the idle measurements in BENCHMARKS.md).
    private(set) var wakeups = 0 {
        didSet { statusSnapshot.clear() }
    }
    /// When this process started.
    let startedAt: Date
    /// Asks the service group to shut down gracefully; set by the executable before the group runs.
    public var requestShutdown: @Sendable () -> Void = {}
    private var shutdownSignals: [any DispatchSourceSignal] = []
    /// Observers of every event (the socket's `Watch` streams), called on `queue`.
    var eventObservers: [UUID: @Sendable (MaintenanceEvent) -> Void] = [:]

    var configuration: Configuration { plant.configuration }

    /// Loads the configuration and the history and opens the socket; throws a message for people if any fails.
    /// `store` replaces the history file (tests use one in memory); `bindSocket: false` serves no socket.
    public init(
        options: DaemonOptions, logger: Logger, store: MaintenanceStore? = nil, bindSocket: Bool = true,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws(StartError) {
        self.options = options
        self.logger = logger
        self.clock = clock
        startedAt = clock()
        // Before start-up's large temporaries: they must not leave the heap fragmented for the daemon's life.
        ProcessMemory.keepLargeBuffersOutOfTheHeap()
        // The configuration is read on another core while the history is opened and read here; an invalid
        // configuration is still the error reported first.
        let reading = ConcurrentResult { [options, clock] () throws(ConfigurationError) -> LoadedConfiguration in
            try LoadedConfiguration.load(options.configFile, zones: ZoneInfoDirectory(), now: clock())
        }
        func configuration() throws(StartError) -> LoadedConfiguration {
            do {
                return try reading.value()
            } catch {
                throw StartError(description: "the configuration \(options.configFile) is invalid:\n\(error)")
            }
        }
        let records: [StoredRecord]
        do {
            if let store {
                self.store = store
            } else {
                // The history is private whatever the umask it was started with: only the service user reads or
                // writes it (SQLite creates its -wal and -shm files later, so the process keeps this umask; the
                // socket is given its mode explicitly).
                umask(0o077)
                try FileManager.default.createDirectory(
                    atPath: options.stateDirectory, withIntermediateDirectories: true)
                chmod(options.stateDirectory, 0o700)
                let store = try MaintenanceStore(path: options.databasePath)
                for suffix in ["", "-wal", "-shm"] { chmod(options.databasePath + suffix, 0o600) }
                // The chain's key lives beside the history, readable by maintd only. A lost key is never replaced
                // silently: the records kept with it could no longer be verified.
                if try HistoryKey.load(at: options.historyKeyPath) == nil, !(try store.newestRecordIsUnkeyed()) {
                    throw StartError(
                        description:
                            "the history key \(options.historyKeyPath) is missing, but the history was kept with it; restore the key from a backup"
                    )
                }
                // A credential is used as given, never created.
                if let credential = options.credentialKeyPath {
                    guard let key = try HistoryKey.load(at: credential) else {
                        throw StartError(description: "the history key credential \(credential) cannot be read")
                    }
                    store.useKey(key)
                } else {
                    store.useKey(
                        try HistoryKey.loadOrCreate(at: options.historyKeyPath, nextRecordId: try store.lastId() + 1))
                }
                // A missing or empty history where the journal saw one is a loss, not a first start.
                if try store.lastId() == 0 && !options.newHistory,
                    let seen = CheckpointJournal.read(history: options.databasePath).max(by: { $0.records < $1.records }
                    )
                {
                    throw StartError(
                        description:
                            "the history \(options.databasePath) is empty, but the journal shows it held \(seen.records) records at \(Timestamp.rfc3339(seen.at)); restore it from a backup, or start with --new-history if a new history is intended"
                    )
                }
                self.store = store
            }
            records = try self.store.allRecords()
        } catch {
            // An invalid configuration is reported before any trouble with the history.
            _ = try configuration()
            switch error {
            case let error as StoreError: throw StartError(description: error.description)
            case let error as StartError: throw error
            default:
                throw StartError(description: "cannot create the state directory \(options.stateDirectory): \(error)")
            }
        }
        let loaded = try configuration()
        plant = Plant(
            configuration: loaded.configuration, contentHash: loaded.contentHash, sources: loaded.sources,
            records: records, daemon: RecordAuthor.daemon(uid: getuid()))
        if bindSocket {
            do {
                listener = try ControlSocket.open(path: options.socketPath)
            } catch {
                throw StartError(description: error.description)
            }
        }
        methods = MethodTable.maintenance()
        if store == nil { checkpoints = CheckpointJournal(history: options.databasePath, queue: queue) }
    }

    /// From how many events and records a start's outcome is written while serving rather than before.
    static let startWrittenWhileServing = 1_000

    /// Starts scheduling (and serving the socket, when it has one) and tells systemd it is ready.
    public func start() async throws {
        // SIGTERM and SIGINT are handled from the very start, long before READY=1: a stop request right after start-up
        // is never lost in the moment before the service group would have installed its own handlers.
        await onQueue { [self] in
            for number in [SIGTERM, SIGINT] {
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [requestShutdown] in requestShutdown() }
                source.resume()
                shutdownSignals.append(source)
            }
        }
        await beginScheduling()
        await onQueue { [self] in
            signal(SIGHUP, SIG_IGN)
            let hangup = DispatchSource.makeSignalSource(signal: SIGHUP, queue: queue)
            // Weak: a source that fires after the service is gone (a test's, never stopped) does nothing.
            hangup.setEventHandler { [weak self] in _ = self?.reload(requestedBy: "SIGHUP") }
            hangup.resume()
            self.hangup = hangup
            startWatchdog()
            announce([
                MaintenanceEvent(
                    kind: .started, at: clock(),
                    message:
                        "maintd started: \(configuration.taskCount) tasks on \(configuration.equipment.count) machines at \(configuration.siteName)",
                    details: ["config": options.configFile, "socket": listener?.path ?? options.socketPath])
            ])
        }
        // READY=1 only once the socket is served as well.
        if let listener {
            do {
                server = try await VarlinkServer.start(
                    descriptor: listener.descriptor, service: self, idle: options.idleTimeout, logger: logger)
            } catch {
                logger.critical("cannot serve the socket", metadata: ["error": "\(error)"])
                throw error
            }
        }
        await onQueue { [self] in
            notifier.send("READY=1\nSTATUS=\(statusLine())")
            logger.info(
                "ready",
                metadata: [
                    "socket": "\(listener?.path ?? options.socketPath)", "activated": "\(listener?.activated ?? false)",
                ])
        }
    }

    /// Loads the schedule (announcing what changed while maintd was stopped) and arms the timer and the clock and
    /// zone watches: everything but signals, the watchdog and the socket (tests drive the service this far).
    func beginScheduling() async {
        await onQueue { [self] in
            var next = plant
            let now = clock()
            var outcome = next.startRevision(now: now)
            if next.configuration.taskCount >= Self.startWrittenWhileServing && Plant.holdsFiles(outcome) {
                // A large plant's revision holds its files in full the first time (11 MB at 100,000 tasks): it is
                // written while the tasks are evaluated, rather than held, with its encoding, until READY=1 and beyond.
                writeLater(outcome.records, announcing: [], configuration: nil) {}
                outcome = next.startSchedule(now: now)
            } else {
                outcome.append(next.startSchedule(now: now))
            }
            if outcome.events.count + outcome.records.count >= Self.startWrittenWhileServing {
                // A large plant's first start (or a restart after a long stop) announces thousands of tasks: its
                // records are written while maintd begins serving, as a large reload's are; the announcements
                // follow once they are durable, and anything recorded meanwhile is written after them.
                adoptWhileWriting(next, outcome) {}
            } else {
                advance {
                    $0 = next; return outcome
                }
            }
            // Start-up reads the whole history and writes a fresh one's first records in one transaction; give the
            // memory that took back to the system instead of keeping it resident for the daemon's life.
            ProcessMemory.returnFreedMemory()
            let timer = DispatchSource.makeTimerSource(flags: .strict, queue: queue)
            timer.setEventHandler { [weak self] in self?.timerFired() }
            timer.schedule(wallDeadline: .distantFuture)
            timer.resume()
            self.timer = timer
            armTimer()
            clockMonitor = WallClockMonitor(queue: queue) { [weak self] in
                guard let self else { return }
                logger.notice("the wall clock was set; recomputing every task")
                afterWrites { [self] in advance { $0.clockChanged(now: clock()) } }
            }
            watchZoneFile()
        }
    }

    /// Runs until SIGTERM or SIGINT (swift-service-lifecycle), then finishes what is in flight and stops.
    public func run() async throws {
        try await start()
        try? await gracefulShutdown()
        await stop()
    }

    /// Stops timers, tells systemd and the journal, closes the history.
    public func stop() async {
        await server?.stop()
        await onQueue { [self] in
            notifier.send("STOPPING=1\nSTATUS=stopping")
            timer?.cancel()
            watchdog?.cancel()
            hangup?.cancel()
            clockMonitor = nil
            announce([MaintenanceEvent(kind: .stopping, at: clock(), message: "maintd is stopping")])
            checkpoints?.write()
            store.close()
            if let listener, !listener.activated { unlink(listener.path) }
        }
        await notifier.drained(within: 2)
        LogSink.shared.flush()
    }

    /// Runs `work` on the service's queue without blocking the caller's thread.
    func onQueue<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    // MARK: Carrying out outcomes

    /// Makes an outcome durable (every record in one transaction), then adopts the plant that produced it, arms the
    /// timer and announces the events. Nothing is announced or answered before it is on disk.
    @discardableResult
    func commit(_ next: Plant, _ outcome: Outcome) throws(StoreError) -> [StoredRecord] {
        dispatchPrecondition(condition: .onQueue(queue))
        let stored: [StoredRecord]
        do {
            stored = try store.append(outcome.records)
        } catch {
            noteWriteFailure(error)
            throw error
        }
        checkpoints?.appended(stored)
        adopt(next, outcome)
        return stored
    }

    /// A history that can no longer be written to: once the file is gone, nothing more is acknowledged.
    private func noteWriteFailure(_ error: StoreError) {
        guard case .historyLost(let problem) = error, historyProblem == nil else { return }
        historyProblem = problem
        logger.critical(
            "the history file is gone; maintd acknowledges nothing more until it is restarted",
            metadata: ["problem": "\(problem)", "history": "\(store.path)"])
        notifier.status(statusLine())
    }

    /// Carries out a change that happens whether or not it can be written (the timer, the clock, a reload): a
    /// history that cannot be written is logged loudly, but time still moves on.
    func advance(_ change: (inout Plant) -> Outcome) {
        dispatchPrecondition(condition: .onQueue(queue))
        var next = plant
        let outcome = change(&next)
        do {
            try commit(next, outcome)
        } catch {
            logger.error("could not write to the history", metadata: ["error": "\(error)"])
            adopt(next, outcome)
        }
    }

    private func adopt(_ next: Plant, _ outcome: Outcome) {
        install(next)
        announce(outcome.events)
        notifier.status(statusLine())
    }

    /// Puts a plant in use and arms the timer for its next change.
    private func install(_ next: Plant) {
        plant = next
        armedDeadline = plant.nextDeadline
        armTimer()
    }

    /// Adopts a plant whose records are still being written (a large reload's): the queue goes on serving while the
    /// history writes them, a later command's records are written after them, and the events are announced (and
    /// `written` called, on the queue) once they are durable. A write that fails is logged, as in ``advance(_:)``.
    private func adoptWhileWriting(_ next: Plant, _ outcome: Outcome, written: @escaping @Sendable () -> Void) {
        dispatchPrecondition(condition: .onQueue(queue))
        // The plant replaced (at a reload, a whole configuration and every task's status) is torn down off the queue:
        // at 100,000 tasks freeing it held the queue, and READY=1, for a tenth of a second.
        let replaced = plant
        install(next)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(replaced) {} }
        writeLater(outcome.records, announcing: outcome.events, configuration: next.configuration, then: written)
    }

    /// Writes records while the queue goes on serving (a later command's records are written after them), then
    /// journals the events and tells watchers, and calls `written` on the queue. A write that fails is logged, as in
    /// ``advance(_:)``. The records are not held once written.
    private func writeLater(
        _ records: [RecordDraft], announcing events: [MaintenanceEvent], configuration: Configuration?,
        then written: @escaping @Sendable () -> Void
    ) {
        dispatchPrecondition(condition: .onQueue(queue))
        let journal = self.journal
        writesInFlight += 1
        store.appendLater(records) { [self] result in
            journal.record(events, configuration: configuration)
            queue.async { [self] in
                switch result {
                case .success(let stored):
                    checkpoints?.appended(stored)
                case .failure(let error):
                    noteWriteFailure(error)
                    logger.error("could not write to the history", metadata: ["error": "\(error)"])
                }
                tellObservers(events)
                notifier.status(statusLine())
                writesInFlight -= 1
                if writesInFlight == 0 {
                    let waiting = waitingForWrites
                    waitingForWrites = []
                    for work in waiting { work() }
                }
                written()
            }
        }
    }

    /// Sends events to the journal and to watchers.
    func announce(_ events: [MaintenanceEvent]) {
        journal.record(events, configuration: configuration)
        tellObservers(events)
    }

    /// Sends events to watchers (a large reload journals its events off the queue, then tells watchers here).
    private func tellObservers(_ events: [MaintenanceEvent]) {
        for event in events {
            for observer in eventObservers.values { observer(event) }
        }
    }

    // MARK: Scheduling

    private func timerFired() {
        let now = clock()
        wakeups += 1
        if let deadline = armedDeadline, now < deadline {
            armTimer()  // woke early: sleep again until the deadline itself
            return
        }
        guard writesInFlight == 0 else {
            // Appending now would wait for the reload's write on the queue; fire once it is written.
            return afterWrites { [self] in timerFired() }
        }
        advance { $0.timerFired(now: now) }
    }

    /// Runs `work` on the queue now, or, while a reload's records are being written, once they are: whatever
    /// appends to the history waits for that write without holding the queue (reads go on being served).
    func afterWrites(_ work: @escaping () -> Void) {
        dispatchPrecondition(condition: .onQueue(queue))
        if writesInFlight == 0 { work() } else { waitingForWrites.append(work) }
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

    // MARK: Reload

    /// Reloads the configuration: read and validated off the service's queue, so a large plant never blocks serving,
    /// the watchdog or SIGTERM; then applied on it. On any error the old one stays. `done` gets the errors (none
    /// when it was applied). Requests that come while a reload runs are served by one more reload after it, which
    /// reads the files as they are by then.
    func reload(
        requestedBy who: String, done: @escaping @Sendable ([ConfigurationDiagnostic]) -> Void = { _ in }
    ) {
        dispatchPrecondition(condition: .onQueue(queue))
        reloadWaiters.append((who, done))
        if !reloadRunning { startReload() }
    }

    private func startReload() {
        reloadRunning = true
        let waiters = reloadWaiters
        reloadWaiters = []
        let who = waiters.map(\.who).joined(separator: ", ")
        notifier.send("RELOADING=1\nMONOTONIC_USEC=\(ServiceManager.monotonicMicroseconds())")
        let file = options.configFile
        let now = clock()
        DispatchQueue.global().async { [self] in
            let result: Result<LoadedConfiguration, ConfigurationError>
            do throws(ConfigurationError) {
                // Fresh zone data on every reload, so an updated tzdata package takes effect with `systemctl reload`.
                result = .success(try LoadedConfiguration.load(file, zones: ZoneInfoDirectory(), now: now))
            } catch {
                result = .failure(error)
            }
            queue.async { [self] in
                let finish: @Sendable ([ConfigurationDiagnostic]) -> Void = { [self] errors in
                    notifier.send("READY=1\nSTATUS=\(statusLine())")
                    reloadRunning = false
                    for waiter in waiters { waiter.done(errors) }
                    if !reloadWaiters.isEmpty { startReload() }
                }
                switch result {
                case .success(let loaded): apply(loaded, requestedBy: who, attempt: 1) { finish([]) }
                case .failure(let error): finish(reject(error, requestedBy: who))
                }
            }
        }
    }

    /// How often a reload is worked out again off the queue when the plant changed meanwhile, before it is worked
    /// out on the queue.
    private static let reloadAttempts = 3

    /// Applies a configuration read for a reload: the new plant is worked out off the queue from the one in use (a
    /// plant is a value), adopted if nothing changed meanwhile (else worked out again), and its records written
    /// while the queue goes on serving. `done` is called once they are durable.
    private func apply(
        _ loaded: LoadedConfiguration, requestedBy who: String, attempt: Int, done: @escaping @Sendable () -> Void
    ) {
        dispatchPrecondition(condition: .onQueue(queue))
        rejectedReload = nil
        let now = clock()
        let reload: @Sendable (inout Plant) -> Outcome = { plant in
            plant.reload(
                loaded.configuration, contentHash: loaded.contentHash, sources: loaded.sources, requestedBy: who,
                now: now)
        }
        guard attempt <= Self.reloadAttempts else {
            // The plant keeps changing under a very busy queue: hold it once, briefly, rather than never reloading.
            advance { plant in
                let outcome = reload(&plant)
                lastReloadSummary = Self.summary(of: outcome) ?? lastReloadSummary
                return outcome
            }
            reloaded(done)
            return
        }
        let base = plant
        let version = plantVersion
        DispatchQueue.global().async { [self] in
            var worked = base
            let outcome = reload(&worked)
            let next = worked
            queue.async { [self] in
                guard version == plantVersion else {
                    return apply(loaded, requestedBy: who, attempt: attempt + 1, done: done)
                }
                lastReloadSummary = Self.summary(of: outcome) ?? lastReloadSummary
                adoptWhileWriting(next, outcome) { [self] in reloaded(done) }
            }
        }
    }

    /// What a reload's revision record says changed.
    private static func summary(of outcome: Outcome) -> String? {
        for case .configRevision(let revision) in outcome.records.map(\.payload) { return revision.summary }
        return nil
    }

    private func reloaded(_ done: () -> Void) {
        watchZoneFile()
        done()
    }

    /// Reports why a configuration read for a reload was refused; the old one stays.
    private func reject(_ error: ConfigurationError, requestedBy who: String) -> [ConfigurationDiagnostic] {
        let now = clock()
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

    /// Recomputes with fresh rules when the site zone's tzdata file changes (a tzdata package update).
    private func watchZoneFile() {
        let zoneFile = ZoneInfoDirectory().path + "/" + configuration.timezone
        zoneMonitor = ZoneFileMonitor(zoneFile: zoneFile, queue: queue) { [weak self] in
            guard let self else { return }
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
        timer.setEventHandler { [notifier] in notifier.send("WATCHDOG=1") }
        timer.resume()
        watchdog = timer
    }

    /// "41 tasks: 3 due, 1 overdue; next change Tue 06:00".
    func statusLine() -> String {
        let count = plant.scheduler.count
        var parts = ["\(plant.statuses.count) tasks"]
        let counts = [DueState.overdue, .due, .upcoming, .deferred, .suspended].compactMap { state -> String? in
            count(state) > 0 ? "\(count(state)) \(state.rawValue)" : nil
        }
        if !counts.isEmpty { parts[0] += ": " + counts.reversed().joined(separator: ", ") }
        if let next = plant.nextDeadline {
            let local = configuration.zone.localTime(at: next.secondsSinceEpoch)
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let hh = local.hour < 10 ? "0\(local.hour)" : "\(local.hour)"
            let mm = local.minute < 10 ? "0\(local.minute)" : "\(local.minute)"
            parts.append("next change \(days[local.weekday]) \(hh):\(mm)")
        } else {
            parts.append("nothing scheduled to change")
        }
        if let rejectedReload { parts.append(rejectedReload) }
        if let historyProblem { parts.append("HISTORY UNAVAILABLE: \(historyProblem)") }
        return parts.joined(separator: "; ")
    }
}
