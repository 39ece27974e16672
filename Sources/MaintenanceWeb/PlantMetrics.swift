public import FoundationEssentials
import MaintenanceCore
import MaintenanceProtocol

/// The plant in Prometheus' text format (0.0.4), worked out from the newest snapshot at each scrape: tasks by state,
/// line and kind, each task's next due and last done instants, maintd's counters of completions and findings, and
/// the history's verification. The web server's own request latency comes from its registry.
public enum PlantMetrics {
    public static func render(_ state: FeedState, now: Date) -> String {
        var out = ""
        func family(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        func sample(_ name: String, _ labels: [(String, String)], _ value: Double) {
            let rendered = labels.map { "\($0.0)=\"\(labelValue($0.1))\"" }.joined(separator: ",")
            out += name + (labels.isEmpty ? "" : "{\(rendered)}") + " " + number(value) + "\n"
        }
        family("maintd_up", "gauge", "Whether maintd answered the last time it was asked (1) or not (0).")
        sample("maintd_up", [], state.problem == nil && state.snapshot != nil ? 1 : 0)
        guard let snapshot = state.snapshot else { return out }
        family("maintd_snapshot_timestamp_seconds", "gauge", "When maintd last answered.")
        sample("maintd_snapshot_timestamp_seconds", [], seconds(snapshot.takenAt))

        // Every state, line and kind that has a task; zero for the states it lacks, so a series does not vanish
        // when the last overdue task is done.
        family("maintd_tasks", "gauge", "Tasks by state, line and kind.")
        var counts: [String: [String: [String: Int]]] = [:]
        for task in snapshot.tasks {
            counts[task.line, default: [:]][task.kind, default: [:]][task.state, default: 0] += 1
        }
        for line in counts.keys.sorted() {
            for kind in counts[line]!.keys.sorted() {
                for state in DueState.allCases.map(\.rawValue) {
                    sample(
                        "maintd_tasks", [("line", line), ("kind", kind), ("state", state)],
                        Double(counts[line]![kind]![state] ?? 0))
                }
            }
        }
        family("maintd_task_next_due_timestamp_seconds", "gauge", "When each task is (or was) next due.")
        for task in snapshot.tasks {
            guard let due = task.dueAt.flatMap(Timestamp.parseRFC3339) else { continue }
            sample("maintd_task_next_due_timestamp_seconds", labels(task), seconds(due))
        }
        family("maintd_task_last_done_timestamp_seconds", "gauge", "When each task was last done (a pass).")
        for task in snapshot.tasks {
            guard let done = task.lastDone.flatMap(Timestamp.parseRFC3339) else { continue }
            sample("maintd_task_last_done_timestamp_seconds", labels(task), seconds(done))
        }
        let status = snapshot.status
        family("maintd_completions_total", "counter", "Completions recorded since the history began, by result.")
        sample("maintd_completions_total", [("result", "pass")], Double(status.completions - status.failedCompletions))
        sample("maintd_completions_total", [("result", "fail")], Double(status.failedCompletions))
        family("maintd_findings_total", "counter", "As-found readings outside their limits, reported by completions.")
        sample("maintd_findings_total", [], Double(status.findings))
        family("maintd_out_of_tolerance_equipment", "gauge", "Tasks whose latest completion failed out of limits.")
        sample("maintd_out_of_tolerance_equipment", [], Double(status.outOfTolerance.count))
        family("maintd_timer_wakeups_total", "counter", "How often maintd's scheduling timer woke it since it started.")
        sample("maintd_timer_wakeups_total", [], Double(status.timerWakeups))
        if let started = Timestamp.parseRFC3339(status.startedAt) {
            family("maintd_start_time_seconds", "gauge", "When maintd started.")
            sample("maintd_start_time_seconds", [("version", status.version)], seconds(started))
        }
        if let verification = state.verification {
            family(
                "maintd_history_intact", "gauge", "Whether the history's hash chain and journal checkpoints verified.")
            sample("maintd_history_intact", [], verification.intact ? 1 : 0)
            family("maintd_history_records", "gauge", "Records in the history at the last verification.")
            sample("maintd_history_records", [], Double(verification.records))
            family("maintd_history_verified_timestamp_seconds", "gauge", "When the history was last verified.")
            sample("maintd_history_verified_timestamp_seconds", [], seconds(verification.at))
        }
        return out
    }

    private static func labels(_ task: WireTask) -> [(String, String)] {
        [("equipment", task.equipment), ("task", task.task), ("line", task.line), ("kind", task.kind)]
    }

    private static func seconds(_ date: Date) -> Double { Double(date.microsecondsSinceEpoch) / 1_000_000 }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A label value: backslash, double quote and newline escaped, as the format asks.
    static func labelValue(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }
}
