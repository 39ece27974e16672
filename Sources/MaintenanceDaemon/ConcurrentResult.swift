import Dispatch
import Foundation

/// Work started on another thread at once, whose result (or typed error) is waited for when it is needed.
final class ConcurrentResult<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Failure>?
    /// Touched only by the thread that waits (the semaphore orders `result` before it).
    private var waited = false

    /// The work runs on a thread of its own, not one of Dispatch's: the waiting thread is one of Dispatch's (Swift
    /// concurrency's), which Dispatch counts as busy, so work run on its pool could not share itself out among the
    /// cores (configuration files are decoded on every core; on Dispatch's pool it was one, 0.58 s instead of 0.33 s
    /// for 100,000 tasks).
    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        Thread.detachNewThread { [self] in
            do throws(Failure) {
                result = .success(try work())
            } catch {
                result = .failure(error)
            }
            done.signal()
        }
    }

    /// Waits for the work (once; later calls return at once) and returns its value or throws its error. Called
    /// from one thread.
    func value() throws(Failure) -> Value {
        if !waited {
            done.wait()
            waited = true
        }
        return try result!.get()
    }
}
