import Foundation
import Testing

@testable import MaintenanceCore

/// A status's instants are kept in eight bytes: every instant a status can hold comes back exactly, and "none" stays
/// apart from every instant, the reference date (all bits zero) and a NaN included.
@Suite struct PackedInstantTests {
    @Test(arguments: [
        0, -0.5, 1e-6, 817_000_123.456_789, -3_187_296_000, 6_311_433_600.000_001,
        Date.distantPast.timeIntervalSinceReferenceDate,
        Date.distantFuture.timeIntervalSinceReferenceDate,
    ])
    func anInstantComesBackExactly(seconds: Double) {
        let instant = Date(timeIntervalSinceReferenceDate: seconds)
        let packed = PackedInstant(wrappedValue: instant)
        #expect(packed.wrappedValue == instant)
        #expect(packed.wrappedValue?.timeIntervalSinceReferenceDate.bitPattern == seconds.bitPattern)
        #expect(packed != PackedInstant(wrappedValue: nil))
    }

    @Test func noneIsNoneAndStaysApartFromANaN() {
        #expect(PackedInstant(wrappedValue: nil).wrappedValue == nil)
        let notANumber = PackedInstant(wrappedValue: Date(timeIntervalSinceReferenceDate: .nan))
        #expect(notANumber.wrappedValue != nil)
        #expect(notANumber != PackedInstant(wrappedValue: nil))
    }

    @Test func aStatusTellsNoInstantFromTheReferenceDate() {
        let key = TaskKey(equipment: "E", task: "t")
        var status = TaskStatus(key: key, state: .scheduled, trigger: .interval, occurrence: .never)
        var atReference = status
        atReference.dueAt = Date(timeIntervalSinceReferenceDate: 0)
        #expect(status.dueAt == nil)
        #expect(atReference.dueAt == Date(timeIntervalSinceReferenceDate: 0))
        #expect(status != atReference)
        status.nextChange = Date(timeIntervalSinceReferenceDate: 42)
        status.nextChange = nil
        #expect(status.nextChange == nil)
        #expect(status == TaskStatus(key: key, state: .scheduled, trigger: .interval, occurrence: .never))
    }

    @Test func aStatusIsSmallerThanWithOptionalDates() {
        // Six instants: 48 bytes fewer than six `Date?` (16 bytes each once padded) for every task of the plant.
        #expect(MemoryLayout<PackedInstant>.size == 8)
        #expect(MemoryLayout<TaskStatus>.size <= 152)
    }
}
