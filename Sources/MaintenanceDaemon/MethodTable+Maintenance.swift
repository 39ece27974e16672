import MaintenanceCore
import MaintenanceProtocol

extension MethodTable {
    /// Every method of `io.maintd.Maintenance` and what serves it.
    static func maintenance() -> MethodTable {
        typealias M = MaintenanceInterface
        var table = MethodTable()
        table.on(M.getStatus) { service, _, _ throws(VarlinkError) in
            let reply = GetStatusReply(status: service.status())
            // Published for the event loops until something changes (StatusSnapshot).
            service.statusSnapshot.publish(
                .init(roles: service.configuration.roles, parameters: VarlinkCoding.encode(reply)))
            return reply
        }
        table.on(M.listEquipment) { service, p, _ throws(VarlinkError) in try service.listEquipment(p) }
        table.encoded(M.listTasks) { service, p, context throws(VarlinkError) in
            try service.listTasksEncoded(p, now: context.now, requester: context.requester)
        }
        table.on(M.getTask) { service, p, _ throws(VarlinkError) in try service.getTask(p) }
        table.on(M.mayOperate) { service, p, _ throws(VarlinkError) in try service.mayOperate(p) }
        table.on(M.completeTask) { service, p, context throws(VarlinkError) in try service.complete(p, context) }
        table.on(M.correctRecord) { service, p, context throws(VarlinkError) in
            let command = MaintenanceCommand.correct(
                CorrectionRequest(
                    record: p.record, reason: p.reason, performedAt: p.performedAt, result: p.result,
                    readings: p.readings == nil && p.checks == nil ? nil : try readingValues(p.readings, p.checks),
                    note: p.note, withdraw: p.withdraw ?? false))
            return RecordReply(record: service.wireRecord(try service.execute(command, context).record))
        }
        table.on(M.deferTask) { service, p, context throws(VarlinkError) in
            try service.recordAndTask(
                .deferOccurrence(TaskReference(equipment: p.equipment, task: p.task), until: p.until, reason: p.reason),
                context)
        }
        table.on(M.cancelDeferral) { service, p, context throws(VarlinkError) in
            try service.recordAndTask(
                .cancelDeferral(TaskReference(equipment: p.equipment, task: p.task), reason: p.reason), context)
        }
        table.on(M.skipOccurrence) { service, p, context throws(VarlinkError) in
            try service.recordAndTask(
                .skip(TaskReference(equipment: p.equipment, task: p.task), reason: p.reason), context)
        }
        table.on(M.recordMeter) { service, p, context throws(VarlinkError) in
            let command = MaintenanceCommand.recordMeter(
                equipment: p.equipment, meter: p.meter, value: p.value, at: p.at)
            return RecordReply(record: service.wireRecord(try service.execute(command, context).record))
        }
        table.on(M.correctMeterReading) { service, p, context throws(VarlinkError) in
            if p.withdraw == true && p.value != nil {
                throw .invalidParameter("withdraw", "give either a corrected value or withdraw, not both")
            }
            if p.withdraw != true && p.value == nil {
                throw .invalidParameter("value", "missing: give the corrected value, or withdraw: true")
            }
            let command = MaintenanceCommand.correctMeterReading(record: p.record, value: p.value, reason: p.reason)
            return RecordReply(record: service.wireRecord(try service.execute(command, context).record))
        }
        table.on(M.listReviews) { service, _, context throws(VarlinkError) in service.listReviews(context) }
        table.on(M.reviewRecord) { service, p, context throws(VarlinkError) in
            guard let verdict = ReviewVerdict(rawValue: p.verdict) else {
                throw .invalidParameter(
                    "verdict", "\"\(p.verdict)\" is not a verdict; use \"accepted\" or \"rejected\"")
            }
            let (record, answer) = try service.execute(
                .review(record: p.record, verdict: verdict, reason: p.reason), context)
            return ReviewRecordReply(record: service.wireRecord(record), task: try? service.wireTask(answer.task))
        }
        table.on(M.history) { service, p, _ throws(VarlinkError) in try service.history(p) }
        table.replying(M.complianceReport) { service, p, context throws(VarlinkError) in
            try service.complianceReport(p, context)
        }
        table.replying(M.verifyHistory) { service, _, context throws(VarlinkError) in service.verifyHistory(context) }
        table.replying(M.watch) { service, p, context throws(VarlinkError) in try service.watch(p, context) }
        table.replying(M.reload) { service, _, context throws(VarlinkError) in service.reloadRequested(by: context) }
        return table
    }

    /// Number readings and check readings as one set; an id given as both is refused.
    static func readingValues(
        _ numbers: [String: Double]?, _ checks: [String: Bool]?
    ) throws(VarlinkError) -> [String: ReadingValue] {
        var values = (numbers ?? [:]).mapValues(ReadingValue.number)
        for (id, passed) in checks ?? [:] {
            guard values[id] == nil else {
                throw .invalidParameter("checks.\(id)", "also given as a number in readings; give it once")
            }
            values[id] = .check(passed)
        }
        return values
    }
}
