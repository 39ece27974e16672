public import FoundationEssentials
public import HashTreeCollections

/// Everything recorded that scheduling depends on, as the effective records (corrections already applied). Keyed
/// by hash tries that share structure between copies: a command changes a copy in O(log n).
public struct MaintenanceHistory: Sendable {
    public var completions: TreeDictionary<TaskKey, [Completion]> = [:]
    public var skips: TreeDictionary<TaskKey, [Skip]> = [:]
    public var deferrals: TreeDictionary<TaskKey, [Deferral]> = [:]
    /// Readings per equipment id and meter id, in time order.
    public var readings: TreeDictionary<String, [String: [MeterReading]]> = [:]
    /// When maintd first saw each task in a configuration: a task never done, without `lastDone` and without a
    /// commissioning date is due from then.
    public var firstSeen: TreeDictionary<TaskKey, Date> = [:]

    public init() {}

    public mutating func add(_ completion: Completion) {
        completions[completion.task, default: []].insertSorted(completion) { $0.performedAt }
    }

    public mutating func add(_ skip: Skip) {
        skips[skip.task, default: []].insertSorted(skip) { $0.recordedAt }
    }

    public mutating func add(_ deferral: Deferral) {
        deferrals[deferral.task, default: []].insertSorted(deferral) { $0.recordedAt }
    }

    public mutating func add(_ reading: MeterReading) {
        readings[reading.equipment, default: [:]][reading.meter, default: []].insertSorted(reading) { $0.at }
    }

    /// Readings of a meter, in time order.
    public func readings(equipment: String, meter: String) -> [MeterReading] {
        readings[equipment]?[meter] ?? []
    }

    /// Records of a task under any of its keys (current and former ids), merged in time order.
    func merged<T>(_ records: TreeDictionary<TaskKey, [T]>, keys: [TaskKey], by time: (T) -> Date) -> [T] {
        let all = keys.flatMap { records[$0] ?? [] }
        return keys.count == 1 ? all : all.sorted { time($0) < time($1) }
    }
}
