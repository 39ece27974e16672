public import FoundationEssentials

/// Corrective work a failure or a finding opened: due at once, overdue after the task's `followUpWithin`, open until
/// someone records it done (or a lead skips it). It is derived from the record that found the problem, so a restart
/// finds it again.
public struct FollowUp: Sendable, Equatable {
    /// The completion that found the problem.
    public var record: Int64
    public var equipment: String
    /// The task whose work found it.
    public var source: String
    public var sourceTitle: String
    public var openedAt: Date
    public var within: MaintenanceInterval
    /// What was found: "failed steps: guard; out of tolerance: as-left".
    public var reason: String
    /// The quality system's non-conformance reference, if the finding has one.
    public var nonConformance: String?

    /// The task id people use for it.
    public var id: String { Self.prefix + String(record) }

    static let prefix = "follow-up-"

    /// The follow-up a completion opens, if it found a problem: it failed, a checklist step failed, or an as-found
    /// reading was outside its limits.
    init?(record: Int64, equipment: String, task: MaintenanceTask, completion: CompletionRecord) {
        guard task.dueOnce == nil else { return nil }  // corrective work that fails stays open; it opens no other
        var found: [String] = []
        let failedSteps = completion.steps.filter(\.failed).map(\.id)
        if !failedSteps.isEmpty { found.append("failed steps: \(failedSteps.joined(separator: ", "))") }
        if !completion.outOfTolerance.isEmpty {
            found.append("out of tolerance: \(completion.outOfTolerance.joined(separator: ", "))")
        }
        if !completion.findings.isEmpty {
            found.append("finding (as found): \(completion.findings.joined(separator: ", "))")
        }
        if found.isEmpty && !completion.passed { found.append("failed") }
        guard !found.isEmpty else { return nil }
        self.record = record
        self.equipment = equipment
        source = task.id
        sourceTitle = task.title
        openedAt = completion.performedAt
        within = task.followUpWithin
        reason = found.joined(separator: "; ")
        nonConformance = completion.nonConformance
    }

    /// The task maintd schedules for it.
    var task: MaintenanceTask {
        var task = MaintenanceTask(
            id: id, kind: .corrective, title: "Follow up \(source) (record #\(record)): \(reason)", procedure: nil,
            instructions: nonConformance.map { "Non-conformance \($0)" }, every: nil, anchor: .completion,
            calendarStorage: nil, meter: nil, leadTime: .percent(0), tolerance: .duration(within), lastDone: nil,
            readings: [], formerIds: [], deferrable: true, maxDeferral: nil, review: nil, onNonWorkingDay: .keep,
            source: ConfigurationSourceReference(file: "", location: SourceLocation(line: 0, column: 0), path: ""))
        task.dueOnce = openedAt
        task.followUpOf = record
        return task
    }
}
