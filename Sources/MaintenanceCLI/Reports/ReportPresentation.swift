public import FoundationEssentials
public import MaintenanceCore
public import MaintenanceProtocol

/// The reports an auditor asks for, shaped as documents (times in site time).
public struct ReportPresentation {
    public let tasks: TaskPresentation

    public init(_ tasks: TaskPresentation) { self.tasks = tasks }

    private func local(_ text: String?) -> String { tasks.local(text) }

    private static func percent(_ value: Double?) -> String {
        value.map { ($0 * 100).formatted(maxFractionDigits: 1) + "%" } ?? "—"
    }

    private static func words(_ result: String) -> String {
        OccurrenceResult(rawValue: result)?.words ?? result
    }

    // MARK: Compliance

    /// PM compliance: the counts per line and kind with the total, then every occurrence that was not on time.
    public func compliance(_ report: ComplianceReportReply, line: String?, kind: String?) -> ReportDocument {
        var rows: [[String]] = []
        var marks: [String] = []
        func counts(_ c: WireComplianceCounts) -> [String] {
            [c.due, c.onTime, c.late, c.missed, c.open, c.deferred, c.skipped].map(String.init)
                + [Self.percent(c.compliance)]
        }
        for row in report.rows {
            rows.append(
                [row.kind == nil ? "\(row.lineName) total" : row.lineName, row.kind ?? "all"] + counts(row.counts))
            marks.append(row.kind == nil ? "subtotal" : "")
        }
        rows.append(["All lines", "all"] + counts(report.total))
        marks.append("subtotal")
        var exceptions: [[String]] = []
        for occurrence in report.exceptions {
            var deferral = ""
            if let until = occurrence.deferredUntil {
                deferral =
                    "until \(local(until)): \(occurrence.deferralReason ?? "")"
                    + (occurrence.deferralRecord.map { " (#\($0))" } ?? "")
            }
            exceptions.append([
                local(occurrence.dueAt), "\(occurrence.equipment)/\(occurrence.task)",
                "\(occurrence.equipmentName): \(occurrence.title)", occurrence.kind, Self.words(occurrence.result),
                local(occurrence.deadline), occurrence.performedAt.map { local($0) } ?? "not done",
                occurrence.record.map { "#\($0)" } ?? "", deferral,
            ])
        }
        var facts = [("Policy", report.policyDescription)]
        if let line { facts.append(("Line", line)) }
        if let kind { facts.append(("Kind", kind)) }
        facts.append(
            ("Compliance", "on time ÷ (on time + late + missed); deferred and skipped occurrences are counted apart"))
        return ReportDocument(
            title: "PM compliance", site: report.site,
            period: "\(local(report.from)) to \(local(report.to)) (due in this period)",
            generatedAt: local(report.generatedAt), facts: facts,
            sections: [
                .init(
                    heading: "Occurrences by line and kind",
                    headers: [
                        "LINE", "KIND", "DUE", "ON TIME", "LATE", "MISSED", "OPEN", "DEFERRED", "SKIPPED",
                        "COMPLIANCE",
                    ], rows: rows, marks: marks),
                .init(
                    heading: "Late, missed, deferred and skipped occurrences",
                    headers: ["DUE", "TASK", "WHAT", "KIND", "RESULT", "DEADLINE", "DONE", "RECORD", "DEFERRAL"],
                    rows: exceptions, marks: report.exceptions.map(\.result).map { $0 == "onTime" ? "" : $0 },
                    remark: report.exceptionsOmitted > 0
                        ? "\(report.exceptionsOmitted) more not listed; narrow the period, the line or the kind."
                        : nil, droppable: ["KIND", "RECORD", "DEADLINE"]),
            ])
    }

    // MARK: Overdue

    /// The backlog now: overdue tasks, oldest first, with how long they have been overdue and any deferral, then the
    /// tasks deferred now, with the reasons.
    public func overdue(_ overdue: [WireTask], deferred: [WireTask], site: String, line: String?) -> ReportDocument {
        let sorted = overdue.sorted {
            ($0.dueAt ?? "", $0.equipment, $0.task) < ($1.dueAt ?? "", $1.equipment, $1.task)
        }
        var rows: [[String]] = []
        for task in sorted {
            var days = ""
            if let since = task.overdueAt.flatMap(Timestamp.parseRFC3339) {
                days = String(Int((tasks.now.timeIntervalSince(since) / 86_400).rounded(.down)))
            }
            var deferral = ""
            if let until = task.deferredUntil {
                deferral = "ran out \(local(until)): \(task.deferralReason ?? "")"
            }
            rows.append([
                local(task.dueAt), local(task.overdueAt), days, task.line.isEmpty ? "—" : task.line,
                "\(task.equipment)/\(task.task)", task.kind, "\(task.equipmentName): \(task.title)", deferral,
            ])
        }
        let later = deferred.sorted { ($0.deferredUntil ?? "") < ($1.deferredUntil ?? "") }.map { task in
            [
                local(task.deferredUntil), local(task.dueAt), task.line.isEmpty ? "—" : task.line,
                "\(task.equipment)/\(task.task)", task.kind, "\(task.equipmentName): \(task.title)",
                task.deferralReason ?? "",
            ]
        }
        return ReportDocument(
            title: "Overdue maintenance", site: site, period: nil,
            generatedAt: Timestamp.wallClock(tasks.now, in: tasks.zone),
            facts: line.map { [("Line", $0)] } ?? [],
            sections: [
                .init(
                    heading: "Overdue, oldest first (days since it became overdue)",
                    headers: ["DUE", "OVERDUE SINCE", "DAYS", "LINE", "TASK", "KIND", "WHAT", "DEFERRAL"], rows: rows,
                    marks: rows.map { _ in "missed" }, droppable: ["KIND", "DUE", "LINE"]),
                .init(
                    heading: "Deferred now",
                    headers: ["UNTIL", "DUE", "LINE", "TASK", "KIND", "WHAT", "REASON"], rows: later,
                    marks: later.map { _ in "deferred" }, droppable: ["KIND", "DUE", "LINE"]),
            ])
    }

    // MARK: Equipment

    /// The instrument record: its tasks with the next due, then every completion, correction, review, deferral and
    /// skip in the period with the signer, readings against their limits, result, notes and findings, and whether the
    /// history verifies.
    public func equipment(
        _ equipment: WireEquipment, tasks details: [GetTaskReply], records: [WireRecord],
        verification: VerifyHistoryReply,
        site: String, period: String?
    ) -> ReportDocument {
        let taskRows = details.map { detail in
            let task = detail.task
            return [
                task.task, task.kind, task.title, task.state, local(task.dueAt ?? task.forecastAt),
                local(task.lastDone),
                task.procedure ?? "",
            ]
        }
        var specs: [String: [String: WireReading]] = [:]
        for detail in details {
            specs[detail.task.task] = Dictionary(detail.readings.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
        // Who reviewed what: the review records among them.
        var reviewers: [Int64: WireRecord] = [:]
        for record in records where record.kind == "review" {
            if let reviewed = record.corrects { reviewers[reviewed] = record }
        }
        var rows: [[String]] = []
        var marks: [String] = []
        for record in records.sorted(by: { $0.id < $1.id }) {
            let readings = self.readings(record, specs: specs[record.task ?? ""] ?? [:])
            var notes: [String] = []
            if let note = record.note { notes.append(note) }
            if let nc = record.nonConformance { notes.append("NC \(nc)") }
            if let failed = record.steps?.filter(\.failed).map(\.id), !failed.isEmpty {
                notes.append("FAILED STEPS: \(failed.joined(separator: ", "))")
            }
            if let reason = record.reason { notes.append("reason: \(reason)") }
            if let findings = record.findings, !findings.isEmpty {
                notes.append("FINDING as found: \(findings.joined(separator: ", "))")
            }
            if let out = record.outOfTolerance, !out.isEmpty {
                notes.append("OUT OF TOLERANCE: \(out.joined(separator: ", "))")
            }
            if let until = record.until { notes.append("deferred until \(local(until))") }
            if let corrects = record.corrects {
                notes.append(record.kind == "review" ? "reviews #\(corrects)" : "corrects #\(corrects)")
            }
            if let superseded = record.supersededBy { notes.append("superseded by #\(superseded)") }
            if record.onTime == false { notes.append("late (overdue since \(local(record.overdueAt)))") }
            if let contractor = record.onBehalfOf {
                notes.append("performed by \(contractor.name) (\(contractor.company))")
            }
            var review = record.review ?? ""
            if let reviewed = reviewers[record.id] {
                review = "\(record.review ?? "reviewed") by \(tasks.signer(reviewed)), #\(reviewed.id)"
            }
            rows.append([
                "#\(record.id)", record.kind, record.task ?? "", local(record.performedAt ?? record.recordedAt),
                tasks.signer(record), record.meaning ?? "", record.result ?? "", readings.found, readings.left, review,
                notes.joined(separator: "; "),
            ])
            marks.append(
                record.result == "fail" || record.review == "rejected" ? "fail" : record.onTime == false ? "late" : "")
        }
        let verified = verification.intact ? "verified: " : "DOES NOT VERIFY: "
        return ReportDocument(
            title: "Equipment record: \(equipment.id)", site: site, period: period,
            generatedAt: Timestamp.wallClock(tasks.now, in: tasks.zone),
            facts: [
                ("Equipment", "\(equipment.name) (\(equipment.id))"),
                ("Line", equipment.lineName), ("History", verified + verification.summary),
            ],
            sections: [
                .init(
                    heading: "Records",
                    headers: [
                        "RECORD", "KIND", "TASK", "PERFORMED", "SIGNED BY", "MEANING", "RESULT",
                        "AS FOUND", "AS LEFT", "REVIEW", "NOTES",
                    ], rows: rows, marks: marks, droppable: ["MEANING", "REVIEW", "KIND", "SIGNED BY"]),
                .init(
                    heading: "Tasks and next due",
                    headers: ["TASK", "KIND", "TITLE", "STATE", "NEXT DUE", "LAST DONE", "PROCEDURE"], rows: taskRows,
                    droppable: ["KIND", "PROCEDURE", "LAST DONE"]),
            ])
    }

    /// A record's readings split by stage, each with its unit and limits: "as-left 120.1 N·m [115.2–124.8]".
    private func readings(_ record: WireRecord, specs: [String: WireReading]) -> (found: String, left: String) {
        var found: [String] = []
        var left: [String] = []
        for (id, value) in (record.readings ?? [:]).sorted(by: { $0.key < $1.key }) {
            let spec = specs[id]
            var text = "\(id) \(value.formatted(maxFractionDigits: 6))"
            if let unit = spec?.unit, !unit.isEmpty { text += " \(unit)" }
            if spec?.min != nil || spec?.max != nil {
                text +=
                    " [\(spec?.min.map { $0.formatted(maxFractionDigits: 6) } ?? "")–\(spec?.max.map { $0.formatted(maxFractionDigits: 6) } ?? "")]"
            }
            if spec?.stage == "as-found" { found.append(text) } else { left.append(text) }
        }
        for (id, passed) in (record.checks ?? [:]).sorted(by: { $0.key < $1.key }) {
            let text = "\(id) \(passed ? "pass" : "fail")"
            if specs[id]?.stage == "as-found" { found.append(text) } else { left.append(text) }
        }
        return (found.joined(separator: ", "), left.joined(separator: ", "))
    }
}
