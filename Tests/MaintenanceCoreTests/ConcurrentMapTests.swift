import MaintenanceCore
import Testing

/// Start-up's work shared among the cores comes back complete and in order, below and above the threshold.
struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 4_095, 4_096, 4_097, 100_003])
    func mapsInOrder(count: Int) {
        let values = Array(0..<count)
        #expect(values.concurrentMap { $0 * 3 + 1 } == values.map { $0 * 3 + 1 })
    }

    /// Handed out one by one, few elements of uneven cost come back in order too.
    @Test(arguments: [1, 2, 3, 10, 17])
    func mapsEachApartInOrder(count: Int) {
        let values = Array(0..<count)
        let mapped = values.concurrentMap(minimum: 2, eachApart: true) { value in
            (0..<(value % 3) * 10_000).reduce(value) { $0 &+ $1 }
        }
        #expect(mapped == values.map { value in (0..<(value % 3) * 10_000).reduce(value) { $0 &+ $1 } })
    }
}
