import Dispatch

/// Work started on another thread at once, whose result (or typed error) is waited for when it is needed.
final class ConcurrentResult<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, Failure>?
    /// Touched only by the thread that waits (the semaphore orders `result` before it).
    private var waited = false

    init(_ work: @escaping @Sendable () throws(Failure) -> Value) {
        DispatchQueue.global().async { [self] in
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
