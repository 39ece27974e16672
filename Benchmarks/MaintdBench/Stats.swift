import Foundation

/// Timing and summary statistics.
enum Stats {
    static func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1_000) }
    static func microseconds(_ seconds: Double) -> String { String(format: "%.0f µs", seconds * 1_000_000) }

    /// Round-trip times of `count` sequential requests on one connection (after 100 warm-up requests).
    static func latencies(path: String, message: [UInt8], count: Int) throws -> [Double] {
        let connection = try RoundTrip(path: path)
        for _ in 0..<100 { try connection.exchange(message) }
        var times: [Double] = []
        times.reserveCapacity(count)
        for _ in 0..<count {
            let start = DispatchTime.now().uptimeNanoseconds
            try connection.exchange(message)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times
    }

    /// Requests per second with `clients` connections each sending requests back to back for `seconds`.
    static func throughput(path: String, message: [UInt8], clients: Int, seconds: Int) throws -> Double {
        try throughput(path: path, clients: clients, seconds: seconds) { _, _ in message }.perSecond
    }

    /// Requests per second with `clients` connections each sending requests back to back for `seconds`: client
    /// `c`'s `n`th request is `message(c, n)`. A client stops at the first reply `accepts` refuses, and `refused`
    /// says whether any did.
    static func throughput(
        path: String, clients: Int, seconds: Int, message: @escaping @Sendable (_ client: Int, _ sent: Int) -> [UInt8],
        accepts: @escaping @Sendable ([UInt8]) -> Bool = { _ in true }
    ) throws -> (perSecond: Double, refused: Bool) {
        let connections = try (0..<clients).map { _ in try RoundTrip(path: path) }
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: clients)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let refused = ManagedAtomicFlag()
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        let group = DispatchGroup()
        let started = DispatchTime.now().uptimeNanoseconds
        for (index, connection) in connections.enumerated() {
            group.enter()
            let box = UnsafeSendable(connection: connection, counts: counts)
            Thread.detachNewThread {
                var done = 0
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    guard let reply = try? box.connection.exchange(message(index, done)) else { break }
                    guard accepts(reply) else {
                        refused.set()
                        break
                    }
                    done += 1
                }
                box.counts[index] = done
                group.leave()
            }
        }
        group.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return (Double(counts.reduce(0, +)) / elapsed, refused.isSet)
    }
}

/// Hands a connection and the shared counters to a thread.
struct UnsafeSendable: @unchecked Sendable {
    let connection: RoundTrip
    let counts: UnsafeMutableBufferPointer<Int>
}
