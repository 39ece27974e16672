import Foundation
import Testing

/// maintctl, polished: versions, one JSON shape (objects, errors too), check-config --json, tables that fit.
@Suite(.serialized)
struct PolishTests {
    static let longTitle = "Inspect the hydraulic accumulator pre-charge pressure and the relief valve seat for wear"
    let daemon: Daemon

    init() throws {
        try Journald.ensureRunning()
        daemon = try Daemon(
            config: testPlant(
                """
                {"id": "accumulator-and-relief-valve", "kind": "inspection", "title": "\(Self.longTitle)",
                 "every": "1d", "lastDone": "2025-11-01"},
                {"id": "grease", "kind": "lubrication", "title": "Grease", "every": "7d"}
                """))
        try daemon.start()
        try daemon.waitUntilReady()
    }

    func maintctl(_ arguments: [String], environment: [String: String] = [:]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments + ["--socket", daemon.socketPath], environment: environment)
    }

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
    }

    @Test func everyBinaryTellsItsVersion() throws {
        defer { daemon.stop() }
        for binary in [Binaries.maintd, Binaries.maintctl, Binaries.maintdWeb] {
            let result = try Binaries.run(binary, ["--version"])
            let name = URL(fileURLWithPath: binary).lastPathComponent
            #expect(result.status == 0 && result.stdout.hasPrefix("\(name) 0."), "\(name): \(result.stdout)")
        }
        let status = try object(try maintctl(["status", "--json"]).stdout)
        let version = try Binaries.run(Binaries.maintctl, ["--version"]).stdout
        #expect(version == "maintctl \((status["status"] as? [String: Any])?["version"] as? String ?? "?")\n")
    }

    @Test func jsonIsAlwaysAnObjectAndErrorsAreJSONToo() throws {
        defer { daemon.stop() }
        for command in [["due"], ["tasks"], ["status"], ["history"], ["review"], ["report", "overdue"]] {
            let result = try maintctl(command + ["--json"])
            #expect(result.status == 0, "\(command): \(result.stderr)")
            _ = try object(result.stdout)
        }
        let missing = try maintctl(["show", "E1/nope", "--json"])
        #expect(missing.status == 1 && missing.stderr.isEmpty)
        let error = try #require(try object(missing.stdout)["error"] as? [String: Any])
        #expect(error["code"] as? String == "NoSuchTask" && (error["message"] as? String)?.contains("nope") == true)
        let unreachable = try Binaries.run(
            Binaries.maintctl, ["due", "--json", "--socket", "/nonexistent/maintd.sock"])
        #expect(unreachable.status == 3)
        #expect((try object(unreachable.stdout)["error"] as? [String: Any])?["code"] as? String == "NotReachable")

        let example = Binaries.root.appendingPathComponent("config/maintd.json").path
        let valid = try object(try Binaries.run(Binaries.maintctl, ["check-config", example, "--json"]).stdout)
        #expect(valid["valid"] as? Bool == true && valid["tasks"] as? Int == 40)
        let broken = daemon.directory.appendingPathComponent("broken.json").path
        try #"{"site": {"name": "x", "timezone": "Nowhere/City"}, "equipment": []}"#.write(
            toFile: broken, atomically: true, encoding: .utf8)
        let invalid = try Binaries.run(Binaries.maintctl, ["check-config", broken, "--json"])
        #expect(invalid.status == 1)
        let errors = try #require(try object(invalid.stdout)["errors"] as? [[String: Any]])
        #expect(errors.first?["path"] as? String == "site.timezone" && errors.first?["line"] as? Int == 1)
    }

    @Test func tablesFitEightyColumnsUnlessWide() throws {
        defer { daemon.stop() }
        // An 80-column terminal ($COLUMNS, as a shell exports it).
        let due = try maintctl(["due"], environment: ["COLUMNS": "80"])
        #expect(due.status == 0)
        let lines = due.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(due.stdout)")
        #expect(due.stdout.contains("E1/accumulator-and-relief-valve") && due.stdout.contains("…"))
        #expect(!due.stdout.contains(Self.longTitle))
        let wide = try maintctl(["due", "--wide"], environment: ["COLUMNS": "80"])
        #expect(wide.stdout.contains(Self.longTitle))
        // Into a pipe nothing is cut, as with systemctl: grep sees every character.
        #expect(try maintctl(["due"]).stdout.contains(Self.longTitle))
        // $COLUMNS is honoured, as in a terminal.
        let narrow = try maintctl(["tasks"], environment: ["COLUMNS": "60"])
        #expect(narrow.stdout.split(separator: "\n").allSatisfy { $0.count <= 60 }, "\(narrow.stdout)")
    }
}
