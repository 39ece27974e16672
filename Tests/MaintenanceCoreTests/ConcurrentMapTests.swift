import MaintenanceCore
import Testing

/// Start-up's work shared among the cores comes back complete and in order, below and above the threshold.
struct ConcurrentMapTests {
    @Test(arguments: [0, 1, 4_095, 4_096, 4_097, 100_003])
    func mapsInOrder(count: Int) {
        let values = Array(0..<count)
        #expect(values.concurrentMap { $0 * 3 + 1 } == values.map { $0 * 3 + 1 })
    }
}
