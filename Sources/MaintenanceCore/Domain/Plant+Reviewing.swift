public import FoundationEssentials

extension Plant {
    /// Completions waiting for review, oldest first, with the task's current key.
    public var pendingReviews: [PendingReview] {
        book.awaitingReview.compactMap { record, original in
            guard let entry = book.completions[original], let version = entry.latest, let role = version.review else {
                return nil
            }
            return PendingReview(
                record: record, completion: original, task: configuration.currentKey(entry.task) ?? entry.task,
                version: version, signers: entry.signers, role: role)
        }.sorted { $0.record < $1.record }
    }

    /// The record waiting for review of a task, if any (the newest). Answered at once when nothing waits anywhere,
    /// as for most tasks of most plants (ListTasks asks for every task it lists).
    public func pendingReview(of key: TaskKey) -> Int64? {
        guard !book.awaitingReviewByTask.isEmpty,
            let (equipment, task) = configuration.resolve(equipment: key.equipment, task: key.task)
        else {
            return nil
        }
        return configuration.historyKeys(of: equipment, task).compactMap { book.awaitingReviewByTask[$0]?.max() }.max()
    }

    /// Whether a record waits for review, was reviewed (by which record), or needs none.
    public func reviewState(of record: Int64) -> ReviewState? {
        if let review = book.reviews[record] { return .reviewed(by: review.record, verdict: review.verdict) }
        if book.awaitingReview[record] != nil { return .awaiting }
        return nil
    }

    /// A second person reviews a completion that waits for one: accepted, it counts from when the work was performed;
    /// rejected (with a reason), it does not count.
    mutating func review(
        _ record: Int64, verdict: ReviewVerdict, reason: String?, by requester: Requester, role: Role, now: Date
    ) throws(MaintenanceRefusal) -> Outcome {
        let reason = try text(
            reason, parameter: "reason", maxCharacters: Self.maxReasonCharacters, required: verdict == .rejected)
        guard let original = book.completionId(for: record), let entry = book.completions[original] else {
            if let kind = book.kinds[record] {
                throw .invalid("record", "record \(record) is a \(kind.rawValue); only completions are reviewed")
            }
            throw MaintenanceRefusal(.noSuchRecord(record))
        }
        guard entry.awaitingReview == record else {
            if let review = book.reviews[record] {
                throw .invalid(
                    "record",
                    "record \(record) was already reviewed: \(review.verdict.rawValue) in record \(review.record)")
            }
            if let waiting = entry.awaitingReview {
                throw .invalid(
                    "record", "record \(record) was superseded; review its latest version, record \(waiting)")
            }
            if entry.latestRecord != record {
                throw .invalid("record", "record \(record) was superseded by record \(entry.latestRecord)")
            }
            throw .invalid(
                "record",
                entry.latest == nil
                    ? "record \(record) was withdrawn"
                    : "record \(record) does not wait for review (its task requires none, or it failed)")
        }
        let required = entry.latest?.review ?? .lead
        if role < required {
            throw refusal(
                denying: "a review of record \(record)", to: requester, role: role, required: required, now: now)
        }
        if let signer = entry.signers.first(where: { $0.uid == requester.uid }) {
            throw .invalid(
                "record",
                "\(signer.user) signed record \(original)\(entry.signers.count > 1 ? " or a correction of it" : ""); a review is by another person"
            )
        }
        let currentKey = configuration.currentKey(entry.task) ?? entry.task
        var outcome = Outcome()
        let draft = draft(
            .review(ReviewRecord(verdict: verdict, reason: reason)), at: now, by: requester.author, task: entry.task,
            corrects: record)
        apply(draft, now: now, to: &outcome)
        let status = scheduler.statuses[currentKey]
        let what = verdict == .accepted ? "accepted" : "rejected"
        var details: EventDetails = [
            "by": requester.user, "uid": String(requester.uid), "record": String(draft.id), "corrects": String(record),
            "verdict": verdict.rawValue,
        ]
        if let reason { details["reason"] = reason }
        outcome.events.insert(
            MaintenanceEvent(
                kind: verdict == .accepted ? .reviewed : .reviewRejected, task: currentKey, state: status?.state,
                occurrence: status?.occurrence, dueAt: status?.dueAt, at: now,
                message:
                    "Record \(record) of \(currentKey) \(what) at review by \(requester.user)\(reason.map { ": \($0)" } ?? "")",
                details: details),
            at: 0)
        outcome.answer = Answer(record: draft.id, task: currentKey)
        return outcome
    }
}
