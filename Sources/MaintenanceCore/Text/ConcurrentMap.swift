import Dispatch
import FoundationEssentials

extension RandomAccessCollection where Self: Sendable, Index == Int, Element: Sendable {
    /// `map` shared out among the cores in contiguous parts when there are at least `minimum` elements (start-up's
    /// thousands of tasks and records), in order. `transform` must be pure. `eachApart` hands out elements one by one
    /// instead, for a few large ones of uneven cost (configuration files): a core that finishes early takes the next.
    public func concurrentMap<T: Sendable>(
        minimum: Int = 4_096, eachApart: Bool = false, _ transform: @Sendable (Element) -> T
    ) -> [T] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard count >= minimum, cores > 1 else { return map(transform) }
        let parts = eachApart ? count : cores
        let part = (count + parts - 1) / parts
        let start = startIndex
        let total = count
        return [T](unsafeUninitializedCapacity: total) { buffer, initialized in
            // Each part writes its own slots only.
            nonisolated(unsafe) let base = buffer.baseAddress!
            withoutActuallyEscaping(transform) { transform in
                DispatchQueue.concurrentPerform(iterations: parts) { index in
                    for offset in Swift.min(total, index * part)..<Swift.min(total, (index + 1) * part) {
                        (base + offset).initialize(to: transform(self[start + offset]))
                    }
                }
            }
            initialized = total
        }
    }
}
