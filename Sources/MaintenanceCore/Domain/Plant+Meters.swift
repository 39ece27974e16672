public import FoundationEssentials

extension Plant {
    /// Records a meter value, refusing implausible ones (announced, so a misbehaving gateway is noticed).
    mutating func recordMeter(
        equipment id: String, meter meterId: String, value: Double, at text: String?, by requester: Requester,
        now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        guard let equipment = configuration.equipment(id) else { throw MaintenanceRefusal(.noSuchEquipment(id)) }
        guard let meter = equipment.meter(meterId) else {
            throw MaintenanceRefusal(.noSuchMeter(equipment: equipment.id, meter: meterId))
        }
        let at = try time(text, parameter: "at", default: now, now: now, equipment: equipment)
        let reading = MeterReading(equipment: equipment.id, meter: meter.id, value: value, at: at)
        try checkMeter(reading, meter, of: equipment, excluding: nil, requester: requester, now: now)
        var outcome = Outcome()
        let draft = draft(
            .meterReading(MeterReadingRecord(meter: meter.id, value: value, at: at)), at: now, by: requester.author,
            equipment: equipment.id)
        apply(draft, now: now, to: &outcome)
        outcome.answer = Answer(record: draft.id, task: nil)
        return outcome
    }

    /// A lead's corrected value for a meter reading, or its withdrawal (`value` nil), with a reason.
    mutating func correctMeterReading(
        _ record: Int64, value: Double?, reason: String?, by requester: Requester, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let reason = try text(reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: true)!
        guard let original = book.meterReadingId(for: record), let entry = book.meterReadings[original] else {
            if let kind = book.kinds[record] {
                throw .invalid("record", "record \(record) is a \(kind.rawValue), not a meter reading")
            }
            throw MaintenanceRefusal(.noSuchRecord(record))
        }
        guard entry.value != nil else { throw .invalid("record", "meter reading \(original) is already withdrawn") }
        if let value, let equipment = configuration.equipment(entry.equipment),
            let meter = equipment.meter(entry.meter)
        {
            let reading = MeterReading(equipment: equipment.id, meter: meter.id, value: value, at: entry.at)
            try checkMeter(reading, meter, of: equipment, excluding: original, requester: requester, now: now)
        }
        var outcome = Outcome()
        let draft = draft(
            .meterCorrection(MeterCorrectionRecord(meter: entry.meter, value: value, reason: reason)), at: now,
            by: requester.author, equipment: entry.equipment, corrects: original)
        apply(draft, now: now, to: &outcome)
        let change = value.map { "corrected to \($0.formatted(maxFractionDigits: 6))" } ?? "withdrawn"
        outcome.events.insert(
            MaintenanceEvent(
                kind: .meterCorrected, at: now,
                message:
                    "Meter reading \(original) of \(entry.equipment) \(entry.meter) \(change) by \(requester.user): \(reason)",
                details: [
                    "by": requester.user, "uid": String(requester.uid), "record": String(draft.id),
                    "corrects": String(original), "meter": entry.meter, "reason": reason,
                    "line": configuration.equipment(entry.equipment)?.line ?? "",
                ]), at: 0)
        outcome.answer = Answer(record: draft.id, task: nil)
        return outcome
    }

    /// Refuses an implausible reading, with an announcement.
    func checkMeter(
        _ reading: MeterReading, _ meter: Meter, of equipment: Equipment, excluding record: Int64?,
        requester: Requester, now: Date
    ) throws(MaintenanceRefusal) {
        let others = configuration.historyIds(of: equipment).flatMap {
            history.readings(equipment: $0, meter: meter.id)
        }.filter { $0.record != record || record == nil }.sorted { $0.at < $1.at }
        let floor = equipment.tasks.compactMap { $0.meter?.meter == meter.id ? $0.meter?.lastDoneValue : nil }.max()
        guard
            let problem = MeterReadingCheck.problem(
                with: reading, meter: meter, previous: others, floor: floor, now: now)
        else { return }
        throw MaintenanceRefusal(
            .meterReadingRejected(equipment: equipment.id, meter: meter.id, reason: problem),
            announcement: MaintenanceEvent(
                kind: .meterRejected, at: now,
                message: "Meter reading for \(equipment.id) \(meter.id) from \(requester.user) rejected: \(problem)",
                details: [
                    "by": requester.user, "meter": meter.id,
                    "meter_value": reading.value.formatted(maxFractionDigits: 6),
                    "reason": problem, "line": equipment.line,
                ]))
    }
}
