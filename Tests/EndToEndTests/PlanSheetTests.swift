import Foundation
import Testing

/// The lead's spreadsheet: `maintctl export --csv` and `maintctl import`, through the binary, on real files.
struct PlanSheetTests {
    let directory: URL
    let main: String
    let fragment: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-plan-\(UUID())")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("plan"), withIntermediateDirectories: true)
        main = directory.appendingPathComponent("maintd.json").path
        fragment = directory.appendingPathComponent("plan/sheet.json").path
        // A main file with the site and one hand-written machine whose calibration has readings; the sheet goes to
        // an included file.
        try """
        {"site": {"name": "Plan plant", "timezone": "Europe/Berlin"}, "include": ["plan/*.json"],
         "lines": [{"id": "line-a", "name": "Line A — press line"}],
         "equipment": [{"id": "GA-01", "name": "Gauge", "line": "line-a", "tasks": [
           {"id": "calibration", "kind": "calibration", "title": "Calibrate", "every": "1 year",
            "readings": [{"id": "as-left", "unit": "N·m", "min": 95, "max": 105}]}]}]}
        """.write(toFile: main, atomically: true, encoding: .utf8)
        try #"{"equipment": []}"#.write(toFile: fragment, atomically: true, encoding: .utf8)
    }

    func maintctl(_ arguments: [String], stdin: String? = nil) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments, stdin: stdin)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theExamplePlanRoundTripsAndAReimportChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = Binaries.root.appendingPathComponent("config/maintd.json").path
        let exported = try maintctl(["export", "--csv", "--config", example])
        #expect(exported.status == 0, "\(exported.stderr)")
        let rows = exported.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 41 && rows[0].hasPrefix("equipment,equipment_name,line,"))
        let sheet = try write("plan.csv", exported.stdout)

        let imported = try maintctl(["import", sheet, "--into", fragment, "--config", main])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("40 tasks added, 0 updated, 0 unchanged"))
        let again = try maintctl(["export", "--config", main])
        // The hand-written machine comes first, then the sheet's 40 tasks exactly as exported.
        let againRows = again.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(againRows.count == 42 && againRows[1].hasPrefix("GA-01,"))
        #expect(Array(againRows.dropFirst(2)) == Array(rows.dropFirst()))
        #expect(try maintctl(["check-config", main]).status == 0)

        let twice = try maintctl(["import", sheet, "--into", fragment, "--config", main])
        #expect(twice.stdout.contains("0 tasks added, 0 updated, 40 unchanged"), "\(twice.stdout)\(twice.stderr)")
    }

    @Test func aRowUpdatesItsTaskAndKeepsWhatTheSheetCannotHold() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        // Excel's way: a byte-order mark, semicolons, CRLF, headers as people type them, and an apostrophe before
        // text a spreadsheet would take for a formula.
        let sheet = try write(
            "update.csv",
            "\u{FEFF}Equipment;Task;Every;Title;Blocks Operation\r\nGA-01;calibration;6 months;\"'=Calibrate; 50 N·m\";yes\r\n"
        )
        let result = try maintctl(["import", sheet, "--into", main, "--config", main])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("0 tasks added, 1 updated"))
        let text = try String(contentsOfFile: main, encoding: .utf8)
        #expect(text.contains("\"every\": \"6 months\"") && text.contains("\"title\": \"=Calibrate; 50 N·m\""))
        #expect(text.contains("\"blocksOperation\": true") && text.contains("\"as-left\""), "readings are kept")
        #expect(text.components(separatedBy: "\"id\": \"calibration\"").count == 2, "updated, not duplicated")
        #expect(try maintctl(["check-config", main]).status == 0)
        // Exported again, the formula-like title is guarded again.
        #expect(try maintctl(["export", "--config", main]).stdout.contains("'=Calibrate; 50 N·m"))
    }

    @Test func everyBadRowIsReportedWithRowAndColumnAndNothingIsWritten() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let before = try Data(contentsOf: URL(fileURLWithPath: main))
        let sheet = try write(
            "bad.csv",
            #"""
            equipment,task,kind,title,every,last_done,blocks_operation,line,equipment_name
            P1,grease,lube,Grease,7 dayz,2026-13-01,maybe,line-a,Press
            P1,grease,lubrication,Grease,7d,,,line-a,Press
            ,x,lubrication,Grease,7d,,,,Press
            P2,look,inspection,"Look, ""closely""",1 month,,no,line-a,Press 2
            P3,bad id!,inspection,Look,1d,,,line-z,
            P4,t,test,,1d,,,line-a,Press 4

            """#)
        let result = try maintctl(["import", sheet, "--into", main, "--config", main])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for expected in [
            "row 2 column C (kind): unknown kind \"lube\"", "row 2 column E (every): \"7 dayz\" is not a duration",
            "row 2 column F (last_done): \"2026-13-01\" is not a date", "row 2 column G (blocks_operation)",
            "row 3 column B (task): P1/grease is already on row 2", "row 4 column A (equipment): no equipment id",
            "row 6 column B (task): \"bad id!\" is not a valid id",
            "row 6 column I (equipment_name): missing \"name\"", "row 7 column D (title): missing \"title\"",
        ] {
            #expect(lines.contains { $0.contains(expected) }, "missing: \(expected)\n\(result.stderr)")
        }
        #expect(lines.last == "nothing written: 9 problems")
        #expect(try Data(contentsOf: URL(fileURLWithPath: main)) == before)

        // A machine the main file already has, added again in an included file: each row is fine alone, the whole
        // configuration is not, so nothing is written.
        let twice = try write("twice.csv", "equipment,equipment_name,task,kind,title,every\nGA-01,Gauge,t,test,T,1d\n")
        let whole = try maintctl(["import", twice, "--into", fragment, "--config", main, "--json"])
        #expect(whole.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(whole.stdout.utf8)) as? [String: Any])
        #expect(json["written"] as? Bool == false)
        #expect(try String(contentsOfFile: fragment, encoding: .utf8) == #"{"equipment": []}"#)
        #expect(((json["problems"] as? [[String: Any]])?.first?["message"] as? String)?.contains("GA-01") == true)
        // A new line is declared where the sheet goes, named from line_name.
        let newLine = try write(
            "line.csv",
            "equipment,equipment_name,line,line_name,task,kind,title,every\nP9,Press,line-z,Line Z,t,test,T,1d\n")
        let declared = try maintctl(["import", newLine, "--into", fragment, "--config", main])
        #expect(declared.status == 0, "\(declared.stderr)")
        #expect(try String(contentsOfFile: fragment, encoding: .utf8).contains("\"name\": \"Line Z\""))
        #expect(try maintctl(["check-config", main]).status == 0)
        // A sheet that is not CSV at all.
        let broken = try write("broken.csv", "equipment,task\nP1,\"open\n")
        let syntax = try maintctl(["import", broken, "--into", main, "--config", main])
        #expect(syntax.status == 1 && syntax.stderr.contains("row 2: a quoted field is not closed"), "\(syntax.stderr)")
    }
}
