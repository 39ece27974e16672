import Foundation
import MaintenanceCore
import MaintenanceProtocol
import Testing

/// Signatures with meaning, contractor work and second-person review, through the built maintd and maintctl run as
/// real Unix users (with full names in the user database), the Python varlink client, the journal and a restart.
@Suite(.serialized)
struct SignatureAndReviewTests {
    static let tasks = """
        {"id": "calibration", "kind": "calibration", "title": "Calibrate to ISO 6789", "every": "1 year",
         "lastDone": "2025-11-20T06:00", "tolerance": "0s", "review": "lead",
         "readings": [{"id": "as-found", "unit": "N·m", "min": 115.2, "max": 124.8}]},
        {"id": "grease", "kind": "lubrication", "title": "Grease bearings", "every": "30d"}
        """

    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        try TestUsers.ensure()
        daemon = try Daemon(config: testPlant(Self.tasks))
        try daemon.start()
        try daemon.waitUntilReady()
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
    }

    func maintctl(as user: String? = nil, _ arguments: [String]) throws -> Binaries.Result {
        let full = [arguments[0], "--socket", daemon.socketPath] + arguments.dropFirst()
        guard let user else { return try Binaries.run(Binaries.maintctl, full) }
        return try TestUsers.maintctl(as: user, full)
    }

    func json(_ result: Binaries.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "\(result.stdout)\(result.stderr)")
    }

    func task(_ id: String = "calibration") throws -> [String: Any] {
        try #require(try json(try maintctl(["show", "E1/\(id)", "--json"]))["task"] as? [String: Any])
    }

    func history() throws -> [Int: [String: Any]] {
        let records = try #require(
            try json(try maintctl(["history", "E1", "--json", "--limit", "100"]))["records"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: records.map { ($0["id"] as? Int ?? 0, $0) })
    }

    @Test func aCompletionThatNeedsReviewCountsOnlyOnceAnotherLeadAcceptsIt() throws {
        defer { daemon.stop() }
        let (tech, otherTech, lead, secondLead) = (
            TestUsers.technicians[0], TestUsers.technicians[1], TestUsers.lead, TestUsers.secondLead
        )
        let done = try maintctl(as: tech, ["done", "E1/calibration", "--reading", "as-found=120"])
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stdout.contains("AWAITING REVIEW") && done.stdout.contains("awaiting review by a lead"))
        let first = try #require(Int(done.stdout.split(separator: "#")[1].prefix { $0.isNumber }))
        // Not done until reviewed: still overdue, and the task says which record waits.
        #expect(try task()["state"] as? String == "overdue")
        #expect(try task()["awaitingReview"] as? Int == first)
        #expect(try maintctl(["due"]).stdout.contains("overdue (review)"))

        // A technician sees it waiting but may not review what a lead must.
        let listed = try maintctl(as: otherTech, ["review"])
        #expect(listed.stdout.contains("#\(first)") && listed.stdout.contains("a lead, not \(tech)"))
        let denied = try maintctl(as: otherTech, ["review", String(first), "--accept"])
        #expect(denied.status == 1 && denied.stderr.contains("needs a lead; \(otherTech) is a technician"))

        // A lead rejects it (a reason is required); the technician corrects it, and the correction waits in turn.
        #expect(try maintctl(as: lead, ["review", String(first), "--reject"]).status == 64)
        let rejected = try maintctl(as: lead, ["review", String(first), "--reject", "--reason", "no certificate"])
        #expect(rejected.status == 0, "\(rejected.stderr)")
        #expect(try task()["state"] as? String == "overdue")
        let corrected = try maintctl(
            as: tech, ["correct", String(first), "--reason", "certificate attached", "--note", "cert 4711"])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let correction = try #require(try task()["awaitingReview"] as? Int)
        #expect(correction > first)

        // Nobody reviews their own work: the lead records one and may not accept it.
        let leadsOwn = try maintctl(as: lead, ["done", "E1/calibration", "--reading", "as-found=121", "--json"])
        let own = try #require((try json(leadsOwn)["record"] as? [String: Any])?["id"] as? Int)
        let refused = try maintctl(as: lead, ["review", String(own), "--accept"])
        #expect(refused.status == 1 && refused.stderr.contains("a review is by another person"))

        let accepted = try maintctl(as: secondLead, ["review", String(correction), "--accept"])
        #expect(accepted.status == 0 && accepted.stdout.contains("accepted"), "\(accepted.stderr)")
        #expect(try task()["state"] as? String == "scheduled")

        // Every record is signed with the printed name from the user database and its meaning.
        let records = try history()
        #expect(records[first]?["signedBy"] as? String == "Ada Technician")
        #expect(records[first]?["meaning"] as? String == "performed")
        #expect(records[first]?["review"] as? String == "rejected")
        let reviews = records.values.filter { $0["kind"] as? String == "review" }
        #expect(reviews.count == 2 && reviews.allSatisfy { $0["meaning"] as? String == "reviewed" })
        #expect(Set(reviews.compactMap { $0["signedBy"] as? String }) == ["Lena Lead", "Ravi Reviewer"])
        #expect(records[correction]?["meaning"] as? String == "corrected")
        #expect(records[correction]?["review"] as? String == "accepted")
        let table = try maintctl(["history", "E1/calibration"]).stdout
        #expect(table.contains("Ravi Reviewer (maintd-lead2)") && table.contains("reviewed"))

        // The journal carries both verdicts, with their MESSAGE_IDs.
        let verdicts =
            try Journald.entries(["_PID=\(daemon.pid)", "MESSAGE_ID=e16de69d64644265848835d7e353aa2a"])
            + Journald.entries(["_PID=\(daemon.pid)", "MESSAGE_ID=dd6b6b5c17e1471bb6b4da464aa090bd"])
        #expect(verdicts.contains { $0["MAINT_EVENT"] == "reviewed" && $0["MAINT_BY"] == secondLead })
        #expect(verdicts.contains { $0["MAINT_EVENT"] == "review-rejected" && $0["PRIORITY"] == "4" })

        // What waits survives a restart, and the signed chain verifies.
        daemon.stop()
        try daemon.start()
        try daemon.waitUntilReady(count: 2)
        _ = try Binaries.run("/usr/bin/chgrp", ["maintd", daemon.socketPath])
        let waiting = try maintctl(["review", "--json"])
        let list = try #require(try json(waiting)["reviews"] as? [[String: Any]])
        #expect(list.compactMap { ($0["record"] as? [String: Any])?["id"] as? Int } == [own])
        #expect(list.first?["mayReview"] as? Bool == true)  // root is not the lead who recorded it
        daemon.stop()
        let verified = try Binaries.run(
            Binaries.maintd, ["--config", daemon.config, "--state-dir", daemon.stateDirectory, "--verify-history"])
        #expect(verified.status == 0 && verified.stdout.contains("history OK"), "\(verified.stdout)\(verified.stderr)")
    }

    @Test func contractorWorkIsRecordedOnBehalfOfANamedPersonAndCompany() throws {
        defer { daemon.stop() }
        let incomplete = try maintctl(["done", "E1/grease", "--on-behalf-of", "Hans Weber"])
        #expect(incomplete.status == 64 && incomplete.stderr.contains("--company"))
        let done = try maintctl(
            as: TestUsers.technicians[1],
            ["done", "E1/grease", "--on-behalf-of", "Hans Weber", "--company", "Acme Schmierdienst", "--json"])
        let record = try #require(try json(done)["record"] as? [String: Any])
        #expect(record["by"] as? String == TestUsers.technicians[1])
        // No full name in the user database: the login is the printed name.
        #expect(record["signedBy"] as? String == TestUsers.technicians[1])
        #expect(
            record["onBehalfOf"] as? [String: String] == ["name": "Hans Weber", "company": "Acme Schmierdienst"])
        // Grease needs no review: the contractor's work counts at once.
        #expect(try task("grease")["awaitingReview"] == nil)
        #expect(try task("grease")["lastDone"] != nil)
        let shown = try maintctl(["history", "E1/grease"]).stdout
        #expect(shown.contains("performed by Hans Weber (Acme Schmierdienst), entered on their behalf"))

        // Through the Python varlink client: a contractor with no company, and a verdict that is not one.
        let address = "unix:\(daemon.socketPath)/io.maintd.Maintenance"
        let noCompany = try Binaries.run(
            Binaries.python,
            [
                "-m", "varlink.cli", "call", "\(address).CompleteTask",
                #"{"equipment": "E1", "task": "grease", "onBehalfOf": {"name": "Hans", "company": ""}}"#,
            ])
        #expect((noCompany.stdout + noCompany.stderr).contains("onBehalfOf.company"))
        let verdict = try Binaries.run(
            Binaries.python,
            ["-m", "varlink.cli", "call", "\(address).ReviewRecord", #"{"record": 1, "verdict": "fine"}"#])
        #expect((verdict.stdout + verdict.stderr).contains("InvalidParameter"))
        let reviews = try Binaries.run(Binaries.python, ["-m", "varlink.cli", "call", "\(address).ListReviews", "{}"])
        #expect(reviews.status == 0 && reviews.stdout.contains("\"reviews\""), "\(reviews.stderr)")
    }
}
