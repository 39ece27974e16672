import Foundation
import Testing

/// maintctl's offline commands, run as built.
struct MaintctlOfflineTests {
    let example = Binaries.root.appendingPathComponent("config/maintd.json").path

    /// maintctl starts fast because it does not load Foundation with ICU (issue 9): only FoundationEssentials.
    @Test func maintctlLoadsFoundationEssentialsOnly() throws {
        let result = try Binaries.run("/usr/bin/ldd", [Binaries.maintctl])
        #expect(result.status == 0)
        let libraries = result.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }
        #expect(!libraries.contains("libFoundation.so"))
        #expect(!libraries.contains { $0.contains("ICU") || $0.contains("FoundationInternationalization") })
    }

    @Test func checkConfigAcceptsTheBundledExample() throws {
        let result = try Binaries.run(Binaries.maintctl, ["check-config", example])
        #expect(result.status == 0)
        #expect(result.stdout == "configuration OK\n")
    }

    @Test func checkConfigPrintsEveryErrorAndExitsOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-check-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("maintd.json").path
        try """
        {"site": {"name": "x", "timezone": "Europe/Berlin"}, "lines": [{"id": "a"}],
         "equipment": [{"id": "E", "name": "n", "line": "a", "tasks": [
           {"id": "t", "kind": "test", "title": "x", "every": "3m", "calendar": "Mon 25:00"}]}]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binaries.run(Binaries.maintctl, ["check-config", file])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("\(file):3:55: equipment[0].tasks[0].every: \"3m\" is not a duration") == true)
        #expect(lines.last?.contains("equipment[0].tasks[0].calendar: invalid calendar expression") == true)
    }

    @Test func calendarPrintsTheSameAsSystemdAnalyze() throws {
        let expressions = ["Mon..Fri *-*-* 06:00", "*-*-* 02:30", "quarterly", "*-02~1 12:00 America/New_York"]
        let arguments = ["calendar", "--iterations=3"] + expressions
        let env = ["TZ": "Europe/Berlin"]
        let ours = try Binaries.run(
            Binaries.maintctl, arguments.prefix(2) + ["--base-time", "2026-03-28T12:00:00Z"] + expressions,
            environment: env)
        let theirs = try Binaries.run(
            "/usr/bin/systemd-analyze",
            ["calendar", "--base-time=2026-03-28 12:00:00 UTC", "--iterations=3"] + expressions, environment: env)
        #expect(ours.status == 0)
        // "From now" depends on when the test runs; everything else must be identical.
        func stable(_ text: String) -> [String] {
            text.split(separator: "\n").map(String.init).filter { !$0.contains("From now") }
        }
        #expect(stable(ours.stdout) == stable(theirs.stdout))
    }

    /// `maintctl calendar EXPRESSION…` is parsed by hand (scripts call it often); it prints exactly what
    /// systemd-analyze prints for now (and what the full command line prints), and an error the same way.
    @Test func thePlainCalendarPrintsAsTheFullCommandLineAndSystemdDo() throws {
        for (zone, expressions) in [
            ("Europe/Berlin", ["Mon..Fri *-*-* 06:00", "quarterly", "*-02~1 12:00 America/New_York"]),
            ("", ["daily"]), (":Asia/Tokyo", ["minutely", "Sat,Sun 22:15"]), ("EST5EDT", ["hourly"]),
        ] {
            let environment = ["TZ": zone]
            let plain = try Binaries.run(Binaries.maintctl, ["calendar"] + expressions, environment: environment)
            let full = try Binaries.run(
                Binaries.maintctl, ["calendar", "--iterations", "1"] + expressions, environment: environment)
            let theirs = try Binaries.run(
                "/usr/bin/systemd-analyze", ["calendar"] + expressions, environment: environment)
            func stable(_ text: String) -> [String] {
                text.split(separator: "\n").map(String.init).filter { !$0.contains("From now") }
            }
            #expect(plain.status == 0 && full.status == 0, "\(plain.stderr)\(full.stderr)")
            #expect(stable(plain.stdout) == stable(full.stdout), "\(zone)")
            #expect(stable(plain.stdout) == stable(theirs.stdout), "\(zone)")
        }
        let wrong = try Binaries.run(Binaries.maintctl, ["calendar", "daily", "Mon..Fri 8:61"])
        let wrongFull = try Binaries.run(
            Binaries.maintctl, ["calendar", "--iterations", "1", "daily", "Mon..Fri 8:61"])
        #expect(wrong.status == wrongFull.status && wrong.status != 0)
        #expect(wrong.stdout == wrongFull.stdout && wrong.stderr == wrongFull.stderr)
    }

    @Test func calendarJSONHasOneObjectPerExpression() throws {
        let result = try Binaries.run(
            Binaries.maintctl,
            [
                "calendar", "--json", "--base-time", "2026-03-28T12:00:00Z",
                "--iterations", "2", "daily", "Mon 06:00 UTC",
            ], environment: ["TZ": "UTC"])
        let objects = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["expressions"]
                as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects[0]["normalized"] as? String == "*-*-* 00:00:00")
        #expect(objects[0]["next"] as? [String] == ["2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"])
        #expect(objects[1]["next"] as? [String] == ["2026-03-30T06:00:00Z", "2026-04-06T06:00:00Z"])
    }

    @Test func calendarRefusesAnInvalidExpressionSayingWhere() throws {
        let result = try Binaries.run(Binaries.maintctl, ["calendar", "Mon..Fri 8:61"])
        #expect(result.status != 0)
        #expect(
            result.stderr.contains(
                "Error: invalid calendar expression \"Mon..Fri 8:61\" at character 12: minute 61 is out of range"))
    }

    @Test func forecastListsTheExamplePlant() throws {
        let result = try Binaries.run(
            Binaries.maintctl,
            ["forecast", "--config", example, "--from", "2026-11-24T08:00:00Z", "--days", "7", "--json"])
        #expect(result.status == 0)
        let rows = try #require(
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["occurrences"]
                as? [[String: Any]])
        #expect(rows.first?["equipmentName"] != nil)
        // TW-04's yearly calibration was last done 2025-11-20 06:00 local with no tolerance: overdue.
        let wrench = rows.first { $0["equipment"] as? String == "TW-04" }
        #expect(wrench?["stateAtStart"] as? String == "overdue")
        #expect(wrench?["dueAt"] as? String == "2026-11-20T05:00:00Z")
        // Out-of-service equipment is shown as suspended, once.
        #expect(
            rows.filter { $0["equipment"] as? String == "GG-12" }.map { $0["stateAtStart"] as? String } == ["suspended"]
        )
        // The light curtain test runs Mon..Fri 05:45: five occurrences in these seven days per press.
        #expect(
            rows.filter { $0["equipment"] as? String == "PRS-01" && $0["task"] as? String == "light-curtain" }.count
                == 5)
    }

    @Test func theExampleValidatesAgainstTheSchemaWithARealValidator() throws {
        let files = ["config/maintd.json", "config/lines/line-a.json", "config/lines/line-b.json"]
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            validator = jsonschema.Draft202012Validator(schema)
            bad = 0
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(f"{path}: {list(error.absolute_path)}: {error.message}"); bad += 1
            sys.exit(1 if bad else 0)
            """
        let paths = files.map { Binaries.root.appendingPathComponent($0).path }
        let schema = Binaries.root.appendingPathComponent("config/maintd.schema.json").path
        let ok = try Binaries.run(Binaries.python, ["-c", script, schema] + paths)
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        // And the schema catches a typo, so the check above can fail.
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-broken-\(UUID()).json")
        try
            #"{"equipment": [{"id": "E", "name": "n", "line": "a", "tasks": [{"id": "t", "kind": "test", "title": "x", "intreval": "90d"}]}]}"#
            .write(to: broken, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: broken) }
        let bad = try Binaries.run(Binaries.python, ["-c", script, schema, broken.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("intreval"))
    }
}
