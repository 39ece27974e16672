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
        let connections = try (0..<clients).map { _ in try RoundTrip(path: path) }
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: clients)
        counts.initialize(repeating: 0)
        defer { counts.deallocate() }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds) * 1_000_000_000
        let group = DispatchGroup()
        let started = DispatchTime.now().uptimeNanoseconds
        for (index, connection) in connections.enumerated() {
            group.enter()
            let box = UnsafeSendable(connection: connection, counts: counts)
            Thread.detachNewThread {
                var done = 0
                while DispatchTime.now().uptimeNanoseconds < deadline {
                    guard (try? box.connection.exchange(message)) != nil else { break }
                    done += 1
                }
                box.counts[index] = done
                group.leave()
            }
        }
        group.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Double(counts.reduce(0, +)) / elapsed
    }
}

/// Hands a connection and the shared counters to a thread.
struct UnsafeSendable: @unchecked Sendable {
    let connection: RoundTrip
    let counts: UnsafeMutableBufferPointer<Int>
}
