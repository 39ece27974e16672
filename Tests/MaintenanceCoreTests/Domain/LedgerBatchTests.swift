import Foundation
import Testing

@testable import MaintenanceCore

/// First sightings made together are one record, and so are announcements made together; a restart from them knows
/// every task's first sighting and what was announced, exactly as from one record per task.
struct LedgerBatchTests {
    static let text = """
        {
          "site": {"name": "Test plant", "timezone": "UTC"},
          "equipment": [
            {"id": "P1", "name": "Press", "tasks": [
              {"id": "grease", "kind": "lubrication", "title": "Grease \\"main\\" bearing", "every": "7d"},
              {"id": "gauge", "kind": "calibration", "title": "Gauge", "every": "1 year", "lastDone": "2025-10-01"},
              {"id": "guard", "kind": "inspection", "title": "Guard", "every": "30d", "lastDone": "2026-11-20"}]},
            {"id": "P2", "name": "Press 2", "tasks": [
              {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "14d"}]}
          ]
        }
        """
    static let added = text.replacingOccurrences(
        of: #"{"id": "grease", "kind": "lubrication", "title": "Grease", "every": "14d"}]}"#,
        with: #"{"id": "grease", "kind": "lubrication", "title": "Grease", "every": "14d"},"#
            + #"{"id": "belt", "kind": "inspection", "title": "Belt", "every": "30d"}]}"#)

    func stored(_ records: [RecordDraft]) -> [StoredRecord] { records.map { $0.stored(previousHash: "", hash: "") } }

    @Test func aStartRecordsFirstSightingsAndCatchUpAnnouncementsOnceEach() throws {
        var plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
        let start = at("2026-11-24T07:00:00Z")
        let outcome = plant.start(now: start)
        let sightings = outcome.records.filter { $0.payload.kind == .firstSeen }
        #expect(sightings.count == 1)
        let sighting = try #require(sightings.first)
        #expect(sighting.equipment == nil && sighting.task == nil)
        guard case .firstSeen(let seen) = sighting.payload else { Issue.record("not a first sighting"); return }
        #expect(Set(seen.tasks ?? []) == Set(plant.statuses.keys))
        #expect(seen.at == start)

        let ledger = outcome.records.filter { $0.payload.kind == .notification }
        #expect(ledger.count == 1)
        guard case .announcements(let together) = try #require(ledger.first).payload else {
            Issue.record("not announcements made together")
            return
        }
        let announced = outcome.events.compactMap(\.task)
        #expect(announced.count > 1)
        #expect(together.entries.map(\.task) == announced)
        #expect(together.entries.map(\.notification.message) == outcome.events.filter { $0.task != nil }.map(\.message))

        // Every payload reads back as written.
        for record in outcome.records {
            let json = try record.payload.encoded()
            #expect(try RecordPayload.decode(kind: record.payload.kind, json: json) == record.payload)
        }

        // A restart from these records announces nothing again, writes no new sightings, and schedules the same.
        var restarted = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: stored(outcome.records),
            daemon: .daemon(uid: 0))
        let again = restarted.start(now: start.addingTimeInterval(60))
        #expect(again.events.filter { $0.task != nil }.isEmpty)
        #expect(again.records.map(\.payload.kind) == [.configRevision])
        #expect(restarted.statuses == plant.statuses)
    }

    /// A large plant's daemon starts in two steps, writing the revision while the tasks are evaluated: the records,
    /// events and statuses are those of a start in one.
    @Test func aStartInTwoStepsIsTheSameAsAStartInOne() throws {
        let sources = [ConfigurationText(path: "/etc/maintd/maintd.json", text: Self.text)]
        func plant() throws -> Plant {
            Plant(
                configuration: try loadConfiguration(Self.text), contentHash: "test", sources: sources, records: [],
                daemon: .daemon(uid: 0))
        }
        let now = at("2026-11-24T07:00:00Z")
        var once = try plant()
        let whole = once.start(now: now)
        var twice = try plant()
        let revision = twice.startRevision(now: now)
        let schedule = twice.startSchedule(now: now)

        #expect(revision.events.isEmpty)
        #expect(revision.records.map(\.payload.kind) == [.configRevision])
        guard case .configRevision(let written) = try #require(revision.records.first).payload else { return }
        #expect(written.sources == sources)
        #expect(schedule.records.map(\.payload.kind) == [.firstSeen, .notification])
        #expect(revision.records + schedule.records == whole.records)
        #expect(schedule.events == whole.events && !whole.events.isEmpty)
        #expect(twice.statuses == once.statuses)
        // The files are held the first time their content is loaded, not again at a restart.
        #expect(Plant.holdsFiles(revision) && !Plant.holdsFiles(schedule))
        var restarted = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", sources: sources,
            records: stored(whole.records), daemon: .daemon(uid: 0))
        #expect(!Plant.holdsFiles(restarted.startRevision(now: now.addingTimeInterval(60))))
    }

    @Test func oneTaskAddedLaterIsNamedInItsOwnRecord() throws {
        var plant = Plant(
            configuration: try loadConfiguration(Self.text), contentHash: "test", records: [], daemon: .daemon(uid: 0))
        var records = plant.start(now: at("2026-11-24T07:00:00Z")).records
        let reload = plant.reload(
            try loadConfiguration(Self.added), contentHash: "test-2", requestedBy: "test",
            now: at("2026-11-24T08:00:00Z"))
        records += reload.records
        let sightings = reload.records.filter { $0.payload.kind == .firstSeen }
        #expect(sightings.map(\.task) == ["belt"])
        #expect(sightings.map(\.equipment) == ["P2"])
        #expect(sightings.map(\.payload) == [.firstSeen(FirstSeenRecord(at: at("2026-11-24T08:00:00Z")))])
        var restarted = Plant(
            configuration: try loadConfiguration(Self.added), contentHash: "test-2", records: stored(records),
            daemon: .daemon(uid: 0))
        let again = restarted.start(now: at("2026-11-24T08:00:00Z"))
        #expect(!again.records.contains { $0.payload.kind == .firstSeen })
        #expect(restarted.statuses == plant.statuses)
    }
}
