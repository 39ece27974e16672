public import FoundationEssentials
public import MaintenanceCore
public import MaintenanceProtocol

/// How maintctl shows tasks, records and events to people.
public struct TaskPresentation {
    public let zone: TimeZoneRules
    public let now: Date
    public let style: TerminalStyle
    /// How wide tables may be (the terminal's columns); nil: as wide as their cells (`--wide`).
    public let width: Int?

    public init(zone: TimeZoneRules, now: Date, style: TerminalStyle, width: Int? = nil) {
        self.zone = zone
        self.now = now
        self.style = style
        self.width = width
    }

    /// "overdue 2 d", "due 3 h ago", "in 5 h", "at 1250 h (now 1210)".
    public func when(_ task: WireTask) -> String {
        let due = task.dueAt.flatMap(Timestamp.parseRFC3339)
        switch task.state {
        case "overdue":
            return due.map {
                let ago = RelativeTime.short(from: now, to: $0)
                return "overdue " + (ago.hasSuffix(" ago") ? String(ago.dropLast(4)) : ago)
            } ?? "overdue"
        case "due":
            return due.map { "due " + RelativeTime.short(from: now, to: $0) } ?? "due"
        case "deferred":
            return task.deferredUntil.flatMap(Timestamp.parseRFC3339).map {
                "deferred, " + RelativeTime.short(from: now, to: $0)
            } ?? "deferred"
        case "suspended":
            return "out of service"
        default:
            if let due { return RelativeTime.short(from: now, to: due) }
            if let meter = task.meter {
                let current = meter.current.map { ", now \($0.formatted(maxFractionDigits: 1))" } ?? ""
                let forecast =
                    task.forecastAt.flatMap(Timestamp.parseRFC3339).map {
                        ", ~" + RelativeTime.short(from: now, to: $0)
                    } ?? ""
                return "at \(meter.dueValue.formatted(maxFractionDigits: 1)) \(meter.unit)\(current)\(forecast)"
            }
            return ""
        }
    }

    /// The local wall-clock time of an RFC 3339 instant in the site zone.
    public func local(_ text: String?) -> String {
        guard let text, let date = Timestamp.parseRFC3339(text) else { return "" }
        return Timestamp.wallClock(date, in: zone)
    }

    /// A table of tasks, most urgent first (as the daemon sorted them).
    public func table(_ tasks: [WireTask]) -> String {
        var table = TextTable(
            headers: ["STATE", "WHEN", "DUE", "LINE", "TASK", "KIND", "TITLE"], maxWidth: width,
            droppable: ["KIND", "DUE", "LINE"])
        for task in tasks {
            table.add([
                task.state + (task.awaitingRetest ? " (retest)" : "") + (task.awaitingReview != nil ? " (review)" : "")
                    + (task.noShutdownFits == true ? " (no shutdown)" : task.dueMovedFrom != nil ? " (moved)" : "")
                    + (task.outOfTolerance ? "!" : ""), when(task),
                local(task.dueAt ?? task.forecastAt),
                task.line.isEmpty ? "—" : task.line, "\(task.equipment)/\(task.task)", task.kind,
                task.title + moved(task),
            ])
        }
        return table.render { row, column, text in
            column == 0 ? style.state(text, tasks[row].state) : text
        }
    }

    /// What a checklist step expects as an answer: "pass/fail/n-a", "bar; min 5, max 7", "text" (in `show` and when
    /// `done` asks for it).
    public static func expected(_ step: WireStep) -> String {
        switch step.type {
        case "check": return "pass/fail/n-a"
        case "number", "meter":
            let limits = [
                step.min.map { "min \($0.formatted(maxFractionDigits: 6))" },
                step.max.map { "max \($0.formatted(maxFractionDigits: 6))" },
            ].compactMap { $0 }.joined(separator: ", ")
            return [step.unit ?? "", limits].filter { !$0.isEmpty }.joined(separator: "; ")
        default: return "text"
        }
    }

    /// " (moved from 12-25 06:00: 2026-12-25 is a holiday)", or nothing.
    func moved(_ task: WireTask) -> String {
        guard let from = task.dueMovedFrom, let reason = task.dueMoveReason else { return "" }
        return task.noShutdownFits == true
            ? " (no shutdown fits: \(reason))" : " (moved from \(local(from)): \(reason))"
    }

    /// One task in full, with what to record and its recent history.
    public func detail(_ reply: GetTaskReply) -> String {
        let task = reply.task
        let e = TerminalText.escaped
        var lines = [
            style.bold("\(task.equipment)/\(task.task)") + "  \(e(task.title))",
            "  equipment   \(e(task.equipmentName)) (\(e(task.lineName)))",
            "  kind        \(task.kind)" + (task.procedure.map { ", procedure \(e($0))" } ?? ""),
            "  state       " + style.state(task.state, task.state) + "  \(when(task))"
                + (task.outOfTolerance ? "  " + style.state("OUT OF TOLERANCE", "fail") : ""),
        ]
        if task.awaitingRetest {
            lines.append(
                "  " + style.state("FAILED", "fail")
                    + "      record #\(task.failedRecord.map(String.init) ?? "?") failed: due at once for a retest")
        }
        if let review = task.review {
            lines.append(
                "  review      by a \(review) (another person): "
                    + (task.awaitingReview.map { "record #\($0) awaits review" } ?? "nothing waits"))
        } else if let waiting = task.awaitingReview {
            lines.append("  review      record #\(waiting) awaits review")
        }
        if !task.deferrable { lines.append("  deferrable  no: must be done on time") }
        var planning: [String] = []
        if let duration = task.estimatedDuration { planning.append("takes \(duration)") }
        if task.downtime == true { planning.append("machine must stop") }
        if task.lockout == true { planning.append(style.state("LOCKOUT/TAGOUT", "overdue") + " required") }
        if let assignee = task.assignee { planning.append("assigned to \(e(assignee))") }
        if !planning.isEmpty { lines.append("  planning    " + planning.joined(separator: "; ")) }
        for part in task.parts ?? [] {
            lines.append(
                "  part        \(part.quantity.formatted(maxFractionDigits: 3)) × \(e(part.number))"
                    + (part.description.map { " (\(e($0)))" } ?? ""))
        }
        if let due = task.dueAt { lines.append("  due         \(local(due))") }
        if let from = task.dueMovedFrom, let reason = task.dueMoveReason {
            let label = task.noShutdownFits == true ? style.state("NO SHUTDOWN", "fail") + " " : ""
            lines.append("  moved       \(label)from \(local(from)): \(e(reason))")
        }
        if let overdue = task.overdueAt, task.state != "overdue" { lines.append("  overdue at  \(local(overdue))") }
        if let meter = task.meter {
            let current = meter.current.map { $0.formatted(maxFractionDigits: 2) } ?? "no reading yet"
            lines.append(
                "  meter       \(meter.meter): due at \(meter.dueValue.formatted(maxFractionDigits: 2)) \(meter.unit), now \(current)"
            )
            if let forecast = task.forecastAt { lines.append("  forecast    \(local(forecast))") }
        }
        if let until = task.deferredUntil {
            lines.append("  deferred    until \(local(until)): \(e(task.deferralReason ?? ""))")
        }
        lines.append("  last done   " + (task.lastDone.map(local) ?? "never recorded"))
        if let instructions = reply.instructions {
            // Every line of multi-line instructions indented under the heading.
            lines.append("  instructions")
            lines += TerminalText.escapedLines(instructions).map { "    " + $0 }
        }
        if !reply.readings.isEmpty {
            lines.append("  readings to record (--reading ID=VALUE)")
            var table = TextTable(headers: ["ID", "STAGE", "LIMITS", "UNIT", "LABEL"], maxWidth: width.map { $0 - 4 })
            for reading in reply.readings {
                let limits =
                    reading.type == "check"
                    ? "pass/fail"
                    : [
                        reading.min.map { "≥ \($0.formatted(maxFractionDigits: 6))" },
                        reading.max.map { "≤ \($0.formatted(maxFractionDigits: 6))" },
                    ].compactMap { $0 }.joined(separator: ", ")
                table.add([
                    reading.id + (reading.required ? "" : " (optional)"), reading.stage, limits, reading.unit,
                    reading.label ?? "",
                ])
            }
            lines.append(
                table.render { _, _, text in text }.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        if !reply.steps.isEmpty {
            lines.append("  checklist (--step ID=VALUE; asked on a terminal)")
            var table = TextTable(headers: ["ID", "TYPE", "EXPECTED", "STEP"], maxWidth: width.map { $0 - 4 })
            for step in reply.steps {
                let expected = Self.expected(step) + (step.meter.map { " (meter \($0))" } ?? "")
                table.add([step.id + (step.required ? "" : " (optional)"), step.type, expected, step.text])
            }
            lines.append(
                table.render { _, _, text in text }.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        if !reply.history.isEmpty {
            lines.append("  history")
            lines.append(history(reply.history).split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        }
        return lines.joined(separator: "\n")
    }

    /// Records, newest first.
    public func history(_ records: [WireRecord]) -> String {
        var table = TextTable(
            headers: ["ID", "RECORDED", "BY", "SIGNED", "KIND", "TASK", "DETAILS"], maxWidth: width,
            droppable: ["SIGNED"])
        for record in records {
            let target = [record.equipment, record.task].compactMap { $0 }.joined(separator: "/")
            table.add([
                String(record.id), local(record.recordedAt), signer(record), record.meaning ?? "", record.kind, target,
                details(record),
            ])
        }
        return table.render { row, column, text in
            column == 6 && ["fail", "rejected"].contains(records[row].result) ? style.state(text, "fail") : text
        }
    }

    /// Completions waiting for review, oldest first; those the reader may not review say why.
    public func reviews(_ reviews: [WireReview]) -> String {
        var table = TextTable(headers: ["RECORD", "DONE", "BY", "TASK", "REVIEWER", "DETAILS"], maxWidth: width)
        for review in reviews {
            let record = review.record
            let reviewer =
                review.mayReview
                ? "a \(review.role): you may" : "a \(review.role), not \(review.signers.joined(separator: "/"))"
            table.add([
                "#\(record.id)", local(record.performedAt), signer(record),
                [record.equipment, record.task].compactMap { $0 }.joined(separator: "/"),
                reviewer, details(record),
            ])
        }
        return table.render { _, _, text in text }
    }

    /// "Jane Doe (jdoe)": the printed name signed with, and the login; the login alone when they are the same or the
    /// record is unsigned.
    public func signer(_ record: WireRecord) -> String {
        guard let name = record.signedBy, name != record.by else { return record.by }
        return "\(name) (\(record.by))"
    }

    /// What a record says, in one line.
    public func details(_ record: WireRecord) -> String {
        var parts: [String] = []
        if let result = record.result { parts.append(result) }
        if let performed = record.performedAt { parts.append("done \(local(performed))") }
        if let contractor = record.onBehalfOf {
            parts.append("performed by \(contractor.name) (\(contractor.company)), entered on their behalf")
        }
        if let readings = record.readings, !readings.isEmpty {
            parts.append(
                readings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.formatted(maxFractionDigits: 6))" }
                    .joined(separator: " "))
        }
        if let checks = record.checks, !checks.isEmpty {
            parts.append(
                checks.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value ? "pass" : "fail")" }.joined(
                    separator: " "))
        }
        if let nc = record.nonConformance { parts.append("NC \(nc)") }
        if let steps = record.steps, !steps.isEmpty {
            parts.append("steps: " + steps.map { "\($0.id)=\(Self.shown($0))" }.joined(separator: " "))
            let failed = steps.filter(\.failed).map(\.id)
            if !failed.isEmpty { parts.append("FAILED STEPS: \(failed.joined(separator: ", "))") }
        }
        if let out = record.outOfTolerance, !out.isEmpty {
            parts.append("OUT OF TOLERANCE: \(out.joined(separator: ", "))")
        }
        if let findings = record.findings, !findings.isEmpty {
            parts.append("FINDING (as found): \(findings.joined(separator: ", "))")
        }
        if record.onTime == false, let overdue = record.overdueAt {
            parts.append("late (overdue since \(local(overdue)))")
        }
        if let meter = record.meter, let value = record.value {
            parts.append("\(meter) = \(value.formatted(maxFractionDigits: 6))")
        }
        if let until = record.until { parts.append("until \(local(until))") }
        if let corrects = record.corrects {
            parts.append(record.kind == "review" ? "reviews #\(corrects)" : "corrects #\(corrects)")
        }
        switch record.review {
        case "awaiting": parts.append("AWAITING REVIEW")
        case let verdict?: parts.append("review: \(verdict)" + (record.reviewedIn.map { " in #\($0)" } ?? ""))
        case nil: break
        }
        if let superseded = record.supersededBy { parts.append("superseded by #\(superseded)") }
        if let reason = record.reason { parts.append("reason: \(reason)") }
        if let note = record.note, record.kind != "config-revision" { parts.append("note: \(note)") }
        if let summary = record.summary { parts.append(summary) }
        return parts.joined(separator: "; ")
    }

    /// A step's answer as recorded: "pass", "3.2 bar", the text.
    static func shown(_ step: WireStepResult) -> String {
        if let check = step.check { return check }
        if let value = step.value {
            return value.formatted(maxFractionDigits: 6) + (step.unit.map { $0.isEmpty ? "" : " \($0)" } ?? "")
        }
        return step.answer ?? ""
    }

    /// One line per event, for `maintctl watch`.
    public func event(_ event: WireEvent) -> String {
        let time = Timestamp.parseRFC3339(event.at).map { Timestamp.systemdStyle($0, in: zone) } ?? event.at
        let target = [event.equipment, event.task].compactMap { $0 }.joined(separator: "/")
        return
            "\(time)  \(style.state(event.kind, event.kind == "out-of-tolerance" ? "fail" : event.kind))  \(target.isEmpty ? "-" : target)  \(TerminalText.escaped(event.message))"
    }

    /// The daemon at a glance.
    public func status(_ status: WireStatus, line: String? = nil) -> String {
        var lines = [
            style.bold(TerminalText.escaped(status.site)) + "  (\(status.timezone))"
                + (line.map { "  line \($0)" } ?? ""),
            "  tasks       \(status.tasks): "
                + [
                    (status.overdue, "overdue"), (status.due, "due"), (status.upcoming, "upcoming"),
                    (status.deferred, "deferred"),
                    (status.suspended, "suspended"), (status.scheduled, "scheduled"),
                ].map { style.state("\($0.0) \($0.1)", $0.0 > 0 ? $0.1 : "") }.joined(separator: ", "),
            "  next change "
                + (status.nextChange.map {
                    "\(local($0)) (\(RelativeTime.short(from: now, to: Timestamp.parseRFC3339($0)!)))"
                } ?? "none"),
        ]
        if !status.outOfTolerance.isEmpty {
            lines.append(
                "  " + style.state("out of tolerance: \(status.outOfTolerance.joined(separator: ", "))", "fail"))
        }
        lines.append(
            "  config      \(status.configFiles.first ?? "") (+\(max(0, status.configFiles.count - 1)) included), \(status.configHash.prefix(12))"
        )
        if let rejected = status.rejectedReload { lines.append("  " + style.state(rejected, "fail")) }
        lines.append("  running     since \(local(status.startedAt)), maintd \(status.version)")
        return lines.joined(separator: "\n")
    }
}
