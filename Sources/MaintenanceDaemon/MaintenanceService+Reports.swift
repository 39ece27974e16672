import Foundation
import MaintenanceCore
import MaintenanceProtocol
import MaintenanceStore

extension MaintenanceService {
    /// Reports are worked out one at a time (each shares its work among the cores), so many at once cannot take the
    /// machine from the service.
    static let reports = DispatchQueue(label: "maintd.reports", qos: .userInitiated)

    /// The most exceptions a compliance report lists (the counts are always complete).
    static let maxReportExceptions = 10_000

    /// PM compliance over a period (the rule is the plant's; this reads the parameters and shapes the reply). The
    /// report is worked out on a copy of the plant off the service's queue (a year of a large plant's history takes
    /// seconds), so commands and queries go on meanwhile; the reply follows when it is done.
    func complianceReport(_ parameters: ComplianceReportParameters, _ context: RequestContext) throws(VarlinkError) {
        // Both are given (the interface requires them): siteTime reads them or says what is wrong.
        guard let from = try siteTime(parameters.from, "from"), let to = try siteTime(parameters.to, "to") else {
            throw .invalidParameter("from", "required")
        }
        var kind: TaskKind?
        if let text = parameters.kind {
            guard let parsed = TaskKind(rawValue: text) else {
                let known = TaskKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidParameter("kind", "unknown task kind \"\(text)\"; expected one of: \(known)")
            }
            kind = parsed
        }
        var policy = CompliancePolicy.tolerance
        if let text = parameters.grace {
            guard let parsed = CompliancePolicy(rawValue: text) else {
                throw .invalidParameter("grace", "\"\(text)\" is not a grace policy; use \"tolerance\" or \"smrp\"")
            }
            policy = parsed
        }
        let plant = self.plant
        let (kindAsked, policyAsked) = (kind, policy)
        let line = lineId(parameters.line)
        let now = context.now
        let reply = context.reply
        Self.reports.async {
            let answer: VarlinkReply
            do throws(MaintenanceRefusal) {
                let report = try plant.complianceReport(
                    from: from, to: to, line: line, kind: kindAsked, policy: policyAsked, now: now,
                    listing: .exceptions(limit: Self.maxReportExceptions))
                answer = VarlinkReply(
                    parametersJSON: VarlinkCoding.encode(Self.wire(report, configuration: plant.configuration)))
            } catch {
                answer = VarlinkReply(error: VarlinkError(error))
            }
            _ = reply.send(answer)
        }
    }

    /// A compliance report as the wire carries it.
    static func wire(_ report: ComplianceReport, configuration: Configuration) -> ComplianceReportReply {
        func counts(_ counts: ComplianceCounts) -> WireComplianceCounts {
            WireComplianceCounts(
                due: counts.due, onTime: counts.onTime, late: counts.late, missed: counts.missed, open: counts.open,
                deferred: counts.deferred, skipped: counts.skipped, compliance: counts.compliance)
        }
        // The report was asked for its exceptions only, at most maxReportExceptions of them.
        let exceptions = report.occurrences
        return ComplianceReportReply(
            site: configuration.siteName, from: Timestamp.rfc3339(report.from), to: Timestamp.rfc3339(report.to),
            policy: report.policy.rawValue, policyDescription: report.policy.summary,
            generatedAt: Timestamp.rfc3339(report.generatedAt),
            rows: report.rows.map { row in
                WireComplianceRow(
                    line: row.line == Equipment.noLine ? "-" : row.line, lineName: configuration.lineName(row.line),
                    kind: row.kind?.rawValue, counts: counts(row.counts))
            }, total: counts(report.total),
            exceptions: exceptions.map { outcome in
                let resolved = configuration.resolve(equipment: outcome.task.equipment, task: outcome.task.task)
                return WireReportOccurrence(
                    equipment: outcome.task.equipment, task: outcome.task.task,
                    equipmentName: resolved?.0.name ?? outcome.task.equipment,
                    title: resolved?.1.title ?? outcome.task.task,
                    line: outcome.line == Equipment.noLine ? "-" : outcome.line, kind: outcome.kind.rawValue,
                    occurrence: outcome.occurrence.description, dueAt: Timestamp.rfc3339(outcome.dueAt),
                    deadline: outcome.deadline.map(Timestamp.rfc3339), result: outcome.result.rawValue,
                    record: outcome.record.map { Int($0) }, performedAt: outcome.performedAt.map(Timestamp.rfc3339),
                    deferredUntil: outcome.deferral.map { Timestamp.rfc3339($0.until) },
                    deferralReason: outcome.deferral?.reason, deferralRecord: outcome.deferral.map { Int($0.id) })
            }, exceptionsOmitted: report.omitted)
    }

    /// The hash chain and the database against the journal's checkpoints, as `maintd --verify-history` checks them:
    /// read from the database's latest snapshot off the service's queue (every record is hashed again).
    func verifyHistory(_ context: RequestContext) {
        let (store, path, reply) = (self.store, options.databasePath, context.reply)
        Self.reports.async {
            do throws(StoreError) {
                let result = try HistoryAudit.audit(store, databasePath: path)
                _ = reply.send(
                    VarlinkReply(
                        parametersJSON: VarlinkCoding.encode(
                            VerifyHistoryReply(intact: result.intact, records: result.records, summary: result.report)))
                )
            } catch {
                _ = reply.send(VarlinkReply(error: .historyUnavailable(error.description)))
            }
        }
    }
}
