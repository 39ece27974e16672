import Foundation
import Testing

@testable import MaintenanceCore

/// The status table keeps counts, keys by state and the next deadline up to date as statuses change; checked against
/// a plain model that scans everything, over thousands of random changes.
@Suite struct StatusTableTests {
    /// A small deterministic generator (SplitMix64), so a failure repeats.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(arguments: [1, 2, 3])
    func agreesWithAScanAfterEveryChange(seed: UInt64) {
        var random = SplitMix(state: seed)
        var table = StatusTable()
        var states: [TaskKey: DueState] = [:]
        var deadlines: [TaskKey: Date] = [:]
        let keys = (0..<40).map { TaskKey(equipment: "M-\($0 % 7)", task: "t\($0)") }
        var now = Date(timeIntervalSince1970: 1_000_000)
        for _ in 0..<5_000 {
            let key = keys.randomElement(using: &random)!
            // Now and then a batch of changes is made the way a start or a reload makes them (the queue is only
            // built at its end): sometimes with a key twice (set one by one), sometimes distinct and ascending, as
            // the scheduler sets them (set side by side).
            if Int.random(in: 0..<50, using: &random) == 0 {
                var changes: [StatusTable.Change] = []
                for _ in 0..<Int.random(in: 1..<30, using: &random) {
                    let key = keys.randomElement(using: &random)!
                    let state = DueState.allCases.randomElement(using: &random)!
                    let deadline =
                        Bool.random(using: &random)
                        ? now.addingTimeInterval(Double(Int.random(in: 0..<20, using: &random)) * 60) : nil
                    changes.append(
                        StatusTable.Change(
                            key: key,
                            status: TaskStatus(key: key, state: state, trigger: .interval, occurrence: .never),
                            deadline: deadline))
                }
                if Bool.random(using: &random) {
                    var last: [TaskKey: StatusTable.Change] = [:]
                    for change in changes { last[change.key] = change }
                    changes = last.values.sorted { $0.key < $1.key }
                }
                table.set(many: changes, inParallelFrom: Int.random(in: 0..<3, using: &random))
                for change in changes {
                    states[change.key] = change.status.state
                    deadlines[change.key] = change.deadline
                }
            }
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                let state = DueState.allCases.randomElement(using: &random)!
                // Deadlines repeat often, so equal instants and unchanged deadlines are exercised too.
                let deadline =
                    Bool.random(using: &random)
                    ? now.addingTimeInterval(Double(Int.random(in: 0..<20, using: &random)) * 60) : nil
                table.set(
                    key, TaskStatus(key: key, state: state, trigger: .interval, occurrence: .never), deadline: deadline)
                states[key] = state
                deadlines[key] = deadline
            case 6:
                table.remove(key)
                states[key] = nil
                deadlines[key] = nil
            default:
                now = now.addingTimeInterval(Double(Int.random(in: 0..<8, using: &random)) * 60)
                let expected = Set(deadlines.filter { $0.value <= now }.keys)
                let expired = table.expired(at: now)
                #expect(Set(expired) == expected)
                #expect(expired.count == expected.count, "each task once")
                for key in expected { deadlines[key] = nil }
            }
            #expect(table.next == deadlines.values.min())
            for state in DueState.allCases {
                let model = Set(states.filter { $0.value == state }.keys)
                #expect(table.count(state) == model.count)
                #expect(Set(table.keys(in: state)) == model)
            }
            #expect(table.statuses.count == states.count)
        }
    }
}

/// The deadline queue is a persistent heap: copies share structure and never see each other's changes.
struct PersistentHeapTests {
    @Test func popsInOrderAndCopiesStayAsTheyWere() {
        var random = StatusTableTests.SplitMix(state: 7)
        let values = (0..<2_000).map { _ in Int.random(in: 0..<500, using: &random) }
        var heap = PersistentHeap<Int>()
        for value in values { heap.insert(value) }
        let copy = heap
        var popped: [Int] = []
        while let min = heap.min {
            popped.append(min)
            heap.removeMin()
        }
        #expect(popped == values.sorted())
        #expect(copy.count == values.count && copy.min == values.min())
        #expect(PersistentHeap(values).count == values.count)
        var built = PersistentHeap(values)
        var fromBuilt: [Int] = []
        while let min = built.min {
            fromBuilt.append(min)
            built.removeMin()
        }
        #expect(fromBuilt == values.sorted())
    }

    /// A heap built from elements at once pops them in order at every size (the last parent with one child or
    /// two), and a built heap then takes insertions like any other.
    @Test func aHeapBuiltAtOncePopsInOrderAtEverySize() {
        var random = StatusTableTests.SplitMix(state: 11)
        for size in 0..<40 {
            let values = (0..<size).map { _ in Int.random(in: 0..<10, using: &random) }
            var heap = PersistentHeap(values)
            let copy = heap
            heap.insert(5)
            var popped: [Int] = []
            while let min = heap.min {
                popped.append(min)
                heap.removeMin()
            }
            #expect(popped == (values + [5]).sorted(), "size \(size)")
            #expect(copy.count == size && copy.min == values.min(), "size \(size)")
        }
    }

    /// Ascending insertions make a left path as long as the heap; tearing it down must not recurse that deep.
    @Test func aLongHeapIsReleasedWithoutExhaustingTheStack() async {
        await Task.detached {
            var heap = PersistentHeap<Int>()
            for value in 0..<300_000 { heap.insert(-value) }
            #expect(heap.min == -299_999)
        }.value
    }
}
