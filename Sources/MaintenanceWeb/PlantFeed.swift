import Dispatch
public import FoundationEssentials
import Glibc
import MaintenanceCore
import MaintenanceFiles
import MaintenanceProtocol
import Synchronization

/// maintd's state as the web face serves it, kept current from the socket: a Watch stream marks it stale and a
/// refresher asks again (ListTasks and GetStatus), coalescing bursts of events into one refresh. maintd-web never
/// opens the database; when maintd cannot be reached it keeps the last snapshot, says why, and tries again.
public final class PlantFeed: Sendable {
    public let socketPath: String
    /// How often the state is asked again without an event (states change with time, and maintd announces those
    /// changes, so this is a safety net), and how often the history is verified.
    let refreshInterval: Duration
    let verifyInterval: Duration

    private struct Shared {
        var state = FeedState()
        var stale = true
        var version = 0
        var subscribers: [Int: AsyncStream<FeedState>.Continuation] = [:]
        var nextSubscriber = 0
        var stopped = false
    }
    private let shared = Mutex(Shared())
    private let wake = DispatchSemaphore(value: 0)
    private let zones = ZoneInfoDirectory()

    public init(socketPath: String, refreshInterval: Duration = .seconds(60), verifyInterval: Duration = .seconds(900))
    {
        self.socketPath = socketPath
        self.refreshInterval = refreshInterval
        self.verifyInterval = verifyInterval
    }

    /// The newest state.
    public var state: FeedState { shared.withLock { $0.state } }

    /// The number of live subscriptions (the board's event streams).
    public var subscriberCount: Int { shared.withLock { $0.subscribers.count } }

    /// Starts the refresher, the watcher and the verifier, each on its own thread (the Varlink client blocks).
    public func start() {
        Thread.detached(name: "maintd-web refresh") { self.refreshLoop() }
        Thread.detached(name: "maintd-web watch") { self.watchLoop() }
        Thread.detached(name: "maintd-web verify") { self.verifyLoop() }
    }

    public func stop() {
        let subscribers = shared.withLock { shared in
            shared.stopped = true
            defer { shared.subscribers = [:] }
            return Array(shared.subscribers.values)
        }
        for subscriber in subscribers { subscriber.finish() }
        wake.signal()
    }

    /// A stream of states: the current one at once, then each new one. Only the newest waits for a slow reader.
    public func subscribe() -> AsyncStream<FeedState> {
        let (stream, continuation) = AsyncStream.makeStream(of: FeedState.self, bufferingPolicy: .bufferingNewest(1))
        let id = shared.withLock { shared -> Int in
            let id = shared.nextSubscriber
            shared.nextSubscriber += 1
            shared.subscribers[id] = continuation
            return id
        }
        continuation.yield(state)
        continuation.onTermination = { [weak self] _ in
            _ = self?.shared.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Marks the state stale: the refresher asks again at once.
    public func markStale() {
        shared.withLock { $0.stale = true }
        wake.signal()
    }

    private var stopped: Bool { shared.withLock { $0.stopped } }

    /// The least time between two refreshes: a flood of events (an integrator pushing meters every second) costs
    /// maintd at most one ListTasks a second, whatever its rate.
    static let minimumSpacing = 1.0

    private func refreshLoop() {
        while !stopped {
            let due = shared.withLock { shared in
                defer { shared.stale = false }
                return shared.stale
            }
            if due {
                refresh()
                Thread.sleep(seconds: Self.minimumSpacing)
            }
            // Sleeps until an event marks the state stale, or the interval passes.
            let seconds = Double(refreshInterval.components.seconds)
            if wake.wait(timeout: .now() + seconds) == .timedOut { shared.withLock { $0.stale = true } }
        }
    }

    /// Asks maintd for the plant and publishes what it said, or why it could not say.
    func refresh() {
        do {
            let client = try VarlinkClient(path: socketPath)
            let status = try client.call(MaintenanceInterface.getStatus, NoParameters()).status
            let tasks = try client.call(MaintenanceInterface.listTasks, ListTasksParameters()).tasks
            let zone = zones.rules(named: status.timezone) ?? .utc
            publish { state, version in
                state.snapshot = PlantSnapshot(
                    status: status, tasks: tasks, zone: zone, takenAt: Date(), version: version)
                state.problem = nil
            }
        } catch {
            let problem = Self.describe(error)
            publish { state, _ in state.problem = problem }
        }
    }

    private func publish(_ change: (inout FeedState, Int) -> Void) {
        let (state, subscribers) = shared.withLock { shared in
            shared.version += 1
            change(&shared.state, shared.version)
            return (shared.state, Array(shared.subscribers.values))
        }
        for subscriber in subscribers { subscriber.yield(state) }
    }

    /// Follows maintd's events; each marks the state stale. Reconnects after a second when maintd goes away.
    private func watchLoop() {
        while !stopped {
            do {
                let client = try VarlinkClient(path: socketPath)
                // A new connection may have missed events: ask again.
                markStale()
                try client.stream(MaintenanceInterface.watch, WatchParameters()) { _ in
                    self.markStale()
                    return !self.stopped
                }
            } catch {
                markStale()
            }
            Thread.sleep(seconds: 1)
        }
    }

    /// Verifies the history now and then (it reads every record, so not on each scrape).
    private func verifyLoop() {
        while !stopped {
            do {
                let client = try VarlinkClient(path: socketPath)
                let reply = try client.call(MaintenanceInterface.verifyHistory, NoParameters())
                shared.withLock { $0.state.verification = (reply.intact, reply.records, reply.summary, Date()) }
                Thread.sleep(seconds: Double(verifyInterval.components.seconds))
            } catch let error as VarlinkError {
                // HistoryUnavailable: maintd cannot vouch for its history; that is the answer.
                let reason = error.parameters["reason"]?.stringValue ?? error.name
                shared.withLock { $0.state.verification = (false, 0, reason, Date()) }
                Thread.sleep(seconds: Double(verifyInterval.components.seconds))
            } catch {
                Thread.sleep(seconds: 5)
            }
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as VarlinkClient.ConnectionError: error.description
        case let error as VarlinkError: "maintd refused: \(error.name)"
        default: "cannot read maintd's answer: \(error)"
        }
    }
}

/// Plain threads for the blocking client (not the concurrency pool's, which must never block).
enum Thread {
    static func detached(name _: String, _ body: @escaping @Sendable () -> Void) {
        final class Box: @unchecked Sendable {
            let body: @Sendable () -> Void
            init(_ body: @escaping @Sendable () -> Void) { self.body = body }
        }
        var thread = pthread_t()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(
            &thread, nil,
            { pointer in
                let box = Unmanaged<Box>.fromOpaque(pointer!).takeRetainedValue()
                box.body()
                return nil
            }, box)
        pthread_detach(thread)
    }

    static func sleep(seconds: Double) {
        var time = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&time, &remaining) != 0 && errno == EINTR { time = remaining }
    }
}
