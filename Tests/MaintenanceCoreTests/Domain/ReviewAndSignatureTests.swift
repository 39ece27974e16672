import Foundation
import MaintenanceCore
import Testing

/// Signatures with meaning and second-person review (21 CFR 11.50, GMP): the rules, through the Plant. The fixture's
/// calibration requires a lead's review; a year's grid anchored on 2025-11-20 06:00 site time makes the occurrence
/// due 2026-11-20 05:00Z and the next one 2027-11-20 05:00Z.
struct ReviewAndSignatureTests: PlantDriving {
    let now = at("2026-11-24T08:00:00Z")
    var plant: Plant
    var records: [StoredRecord]
    let key = TaskKey(equipment: "TW-04", task: "calibration")
    static let rita = Requester(user: "rita", uid: 1004, groups: ["shift-leads"], name: "Rita Reviewer")

    static func text(review: String) -> String {
        PlantFixture.text.replacingOccurrences(
            of: #""formerIds": ["cal"],"#, with: #""formerIds": ["cal"], "review": "\#(review)","#)
    }

    init() throws {
        let configuration = try loadConfiguration(Self.text(review: "lead"))
        plant = Plant(configuration: configuration, contentHash: "test", records: [], daemon: .daemon(uid: 0))
        records = PlantFixture.stored(plant.start(now: at("2026-11-24T08:00:00Z")).records)
    }

    func complete(at: String? = nil, readings: [String: ReadingValue] = PlantFixture.good) -> MaintenanceCommand {
        .complete(CompletionRequest(task: PlantFixture.calibration, performedAt: at, readings: readings))
    }

    // MARK: Review

    @Test mutating func aPassThatNeedsReviewCountsOnlyOnceAnotherLeadAcceptsIt() throws {
        let done = try #require(try run(complete(at: "2026-11-24T07:30")).answer?.record)
        // Not done yet: the occurrence due 11-20 is still open, and the task says what waits.
        #expect(plant.statuses[key]?.dueAt == at("2026-11-20T05:00:00Z"))
        #expect(plant.statuses[key]?.state == .due)
        #expect(plant.pendingReview(of: key) == done)
        #expect(plant.reviewState(of: done) == .awaiting)
        #expect(plant.pendingReviews.map(\.record) == [done])

        let review = try run(.review(record: done, verdict: .accepted, reason: nil), as: Self.rita)
        #expect(review.events.first?.kind == .reviewed)
        // Counted from when the work was performed: the next occurrence is a year on the grid.
        #expect(plant.statuses[key]?.dueAt == at("2027-11-20T05:00:00Z"))
        #expect(plant.statuses[key]?.lastDone == at("2026-11-24T06:30:00Z"))
        #expect(plant.pendingReview(of: key) == nil)
        #expect(plant.reviewState(of: done) == .reviewed(by: review.answer!.record, verdict: .accepted))
    }

    @Test mutating func aRejectedCompletionDoesNotCountAndNeedsAReason() throws {
        let done = try #require(try run(complete()).answer?.record)
        let unexplained = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .rejected, reason: "  "), as: Self.rita)
        }
        #expect(unexplained?.description.contains("reason") == true)
        let rejected = try run(
            .review(record: done, verdict: .rejected, reason: "as-left not traceable"), as: Self.rita)
        #expect(rejected.events.first?.kind == .reviewRejected)
        #expect(rejected.events.first?.kind.priority == 4)
        #expect(plant.statuses[key]?.dueAt == at("2026-11-20T05:00:00Z"))
        #expect(plant.statuses[key]?.state == .due)
        // Reviewed once: a second review of the same record is refused.
        let again = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .accepted, reason: nil), as: PlantFixture.lena)
        }
        #expect(again?.description.contains("already reviewed: rejected") == true)
    }

    @Test mutating func nobodyReviewsTheirOwnWorkNorWorkTheyCorrected() throws {
        let done = try #require(try run(complete(), as: PlantFixture.lena).answer?.record)
        let own = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .accepted, reason: nil), as: PlantFixture.lena)
        }
        #expect(own?.description.contains("a review is by another person") == true)
        // Rita corrects the note; the correction is the version to review now, and Rita signed it.
        let correction = try #require(
            try run(.correct(CorrectionRequest(record: done, reason: "typo", note: "fixed")), as: Self.rita).answer?
                .record)
        let corrector = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: correction, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(corrector?.description.contains("a review is by another person") == true)
        let superseded = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(superseded?.description.contains("review its latest version, record \(correction)") == true)
    }

    @Test mutating func aTechnicianCannotReviewWhatALeadMustButCanWhereATechnicianMay() throws {
        let done = try #require(try run(complete()).answer?.record)
        let denied = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .accepted, reason: nil), as: PlantFixture.bob)
        }
        guard case .permissionDenied(_, "bob", .technician, .lead, _)? = denied?.reason else {
            Issue.record("expected a permission refusal, got \(String(describing: denied))")
            return
        }
        #expect(denied?.announcement?.kind == .permissionDenied)

        var peers = Plant(
            configuration: try loadConfiguration(Self.text(review: "technician")), contentHash: "t", records: [],
            daemon: .daemon(uid: 0))
        _ = peers.start(now: now)
        let peerDone = try #require(try peers.execute(complete(), by: PlantFixture.alice, now: now).answer?.record)
        _ = try peers.execute(
            .review(record: peerDone, verdict: .accepted, reason: nil), by: PlantFixture.bob, now: now)
        #expect(peers.statuses[key]?.dueAt == at("2027-11-20T05:00:00Z"))
    }

    @Test mutating func aFailureCountsAtOnceWithoutReview() throws {
        let failed = try run(
            complete(readings: ["as-found": .number(120), "as-left": .number(130), "seal": .check(true)]))
        let id = try #require(failed.answer?.record)
        #expect(plant.reviewState(of: id) == nil)
        #expect(plant.statuses[key]?.awaitingRetest?.id == id)
        #expect(plant.outOfTolerance.contains(key))
        let refused = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: id, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(refused?.description.contains("does not wait for review") == true)
    }

    @Test mutating func anAcceptedVersionKeepsCountingWhileItsCorrectionWaitsForReview() throws {
        let done = try #require(try run(complete(at: "2026-11-24T07:30")).answer?.record)
        try run(.review(record: done, verdict: .accepted, reason: nil), as: Self.rita)
        let correction = try #require(
            try run(.correct(CorrectionRequest(record: done, reason: "wrong time", performedAt: "2026-11-23T07:30")))
                .answer?.record)
        // The accepted version still counts; the corrected one waits.
        #expect(plant.statuses[key]?.lastDone == at("2026-11-24T06:30:00Z"))
        #expect(plant.pendingReview(of: key) == correction)
        try run(.review(record: correction, verdict: .accepted, reason: nil), as: PlantFixture.lena)
        #expect(plant.statuses[key]?.lastDone == at("2026-11-23T06:30:00Z"))
        #expect(plant.pendingReview(of: key) == nil)
    }

    @Test mutating func aWithdrawalCountsAtOnceAndEndsTheWait() throws {
        let done = try #require(try run(complete()).answer?.record)
        try run(.correct(CorrectionRequest(record: done, reason: "wrong wrench", withdraw: true)))
        #expect(plant.pendingReviews.isEmpty)
        let refused = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: done, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(refused != nil)
    }

    @Test mutating func onlyCompletionsAreReviewedAndUnknownRecordsAreNamed() throws {
        let meter = try #require(
            try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1010, at: nil)).answer?.record)
        let wrongKind = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: meter, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(wrongKind?.description == "record: record \(meter) is a meter-reading; only completions are reviewed")
        let unknown = refusal { () throws(MaintenanceRefusal) in
            try run(.review(record: 9_999, verdict: .accepted, reason: nil), as: Self.rita)
        }
        #expect(unknown?.reason == .noSuchRecord(9_999))
    }

    @Test mutating func whatWaitsForReviewSurvivesARestart() throws {
        let first = try #require(try run(complete(at: "2026-11-24T07:00")).answer?.record)
        try run(.review(record: first, verdict: .rejected, reason: "redo"), as: Self.rita)
        let second = try #require(try run(complete(at: "2026-11-24T08:30")).answer?.record)
        var rebuilt = Plant(
            configuration: plant.configuration, contentHash: "test", records: records, daemon: .daemon(uid: 0))
        #expect(rebuilt.start(now: now).events.isEmpty)
        #expect(rebuilt.statuses == plant.statuses)
        #expect(rebuilt.pendingReviews == plant.pendingReviews)
        #expect(rebuilt.pendingReviews.map(\.record) == [second])
        #expect(rebuilt.reviewState(of: first) == plant.reviewState(of: first))
    }

    @Test mutating func theRuleWhenRecordedAppliesAfterTheConfigurationDropsIt() throws {
        let done = try #require(try run(complete()).answer?.record)
        var rebuilt = Plant(
            configuration: PlantFixture.configuration, contentHash: "test", records: records, daemon: .daemon(uid: 0))
        _ = rebuilt.start(now: now)
        #expect(rebuilt.pendingReviews.map(\.record) == [done])
        #expect(rebuilt.pendingReviews.first?.role == .lead)
    }

    @Test mutating func whatWaitsIsStillReviewableAfterAReloadRemovesItsTask() throws {
        let done = try #require(try run(complete()).answer?.record)
        let without = PlantFixture.text.replacingOccurrences(of: #"{"id": "TW-04""#, with: #"{"id": "TW-05""#)
        _ = plant.reload(try loadConfiguration(without), contentHash: "t2", requestedBy: "lena", now: now)
        #expect(plant.pendingReviews.map(\.task) == [key])
        let review = try run(.review(record: done, verdict: .accepted, reason: nil), as: Self.rita)
        #expect(review.records.first?.payload == .review(ReviewRecord(verdict: .accepted, reason: nil)))
        #expect(plant.pendingReviews.isEmpty)
    }

    // MARK: Signatures

    @Test mutating func everyRecordAPersonMakesIsSignedWithTheMeaningOfItsKind() throws {
        let done = try run(complete(), as: PlantFixture.alice)
        #expect(done.records.first?.meaning == .performed)
        // No name in the user database: the login is the printed name.
        #expect(done.records.first?.author.name == "alice")
        let id = try #require(done.answer?.record)
        let reviewed = try run(.review(record: id, verdict: .accepted, reason: nil), as: Self.rita)
        #expect(reviewed.records.first?.meaning == .reviewed)
        #expect(reviewed.records.first?.author.name == "Rita Reviewer")
        let corrected = try run(.correct(CorrectionRequest(record: id, reason: "note", note: "n")), as: Self.rita)
        #expect(corrected.records.first?.meaning == .corrected)
        let deferred = try run(
            .deferOccurrence(PlantFixture.grease, until: "2026-12-02T06:00", reason: "busy"), as: PlantFixture.lena)
        #expect(deferred.records.first?.meaning == .approved)
        let meter = try run(.recordMeter(equipment: "P1", meter: "run-hours", value: 1010, at: nil))
        #expect(meter.records.first?.meaning == .performed)
        // maintd's own records (notifications, first sightings, revisions) carry no signature.
        let own = records.filter { $0.author.user == "maintd" }
        #expect(!own.isEmpty && own.allSatisfy { $0.meaning == nil && $0.author.name == nil })
        #expect(SignatureMeaning(of: .skip) == .approved)
        #expect(SignatureMeaning(of: .meterCorrection) == .corrected)
        #expect(SignatureMeaning(of: .deferralCancellation) == .approved)
        #expect(SignatureMeaning(of: .notification) == nil)
    }

    @Test mutating func contractorWorkNamesThePersonAndCompanyAndTheTechnicianSigns() throws {
        let request = CompletionRequest(
            task: PlantFixture.calibration, readings: PlantFixture.good,
            onBehalfOf: Contractor(name: " Hans Weber ", company: "Acme Kalibrierdienst"))
        let outcome = try run(.complete(request), as: PlantFixture.bob)
        guard case .completion(let record)? = outcome.records.first?.payload else {
            Issue.record("expected a completion")
            return
        }
        #expect(record.onBehalfOf == Contractor(name: "Hans Weber", company: "Acme Kalibrierdienst"))
        #expect(outcome.records.first?.author.user == "bob")
        #expect(outcome.events.first?.details["on_behalf_of"] == "Hans Weber (Acme Kalibrierdienst)")
        for (contractor, parameter) in [
            (Contractor(name: "", company: "Acme"), "onBehalfOf.name"),
            (Contractor(name: "Hans", company: " "), "onBehalfOf.company"),
            (Contractor(name: "Hans\nWeber", company: "Acme"), "onBehalfOf.name"),
            (Contractor(name: "Hans", company: "Acme\u{1b}[2J"), "onBehalfOf.company"),
            (Contractor(name: String(repeating: "H", count: 201), company: "Acme"), "onBehalfOf.name"),
        ] {
            let refused = refusal { () throws(MaintenanceRefusal) in
                try run(
                    .complete(
                        CompletionRequest(
                            task: PlantFixture.calibration, readings: PlantFixture.good, onBehalfOf: contractor)))
            }
            guard case .invalidParameter(let name, _)? = refused?.reason else {
                Issue.record("\(contractor) was accepted")
                continue
            }
            #expect(name == parameter)
        }
    }

    // MARK: Configuration

    @Test func reviewIsALeadATechnicianOrNoneWithADefaultTasksOverride() throws {
        let configuration = try loadConfiguration(
            PlantFixture.text.replacingOccurrences(
                of: #""roles":"#, with: #""defaults": {"review": "technician"}, "roles":"#
            ).replacingOccurrences(of: #""deferrable": false}"#, with: #""deferrable": false, "review": "none"}"#))
        #expect(configuration.equipment("TW-04")?.task("calibration")?.review == .technician)
        #expect(configuration.equipment("P1")?.task("guard")?.review == nil)
        #expect(configuration.equipment("P1")?.task("grease")?.review == .technician)
        do {
            _ = try loadConfiguration(Self.text(review: "qa"))
            Issue.record("\"qa\" was accepted")
        } catch {
            let message = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(message.contains("equipment[0].tasks[0].review"))
            #expect(message.contains("unknown role \"qa\""))
        }
    }
}
