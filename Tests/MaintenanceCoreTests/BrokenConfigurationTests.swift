import MaintenanceCore
import Testing

/// Each broken configuration must be refused with an error naming where and what.
struct BrokenConfigurationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var main: String
        var includes: [String: String] = [:]
        /// Expected (location, path, message fragment) of one diagnostic.
        var line: Int?
        var path: String
        var message: String
        var testDescription: String { name }
    }

    static let task = #"{"id": "t", "kind": "inspection", "title": "Look", "every": "1w"}"#

    static let cases: [Case] = [
        Case(
            name: "absurd commissioning date",
            main: plant(machine(task, extra: #""commissioned": "0000-01-01","#)),
            line: 5, path: "equipment[0].commissioned", message: "not a plausible date (years 1900 to 9999)"),
        Case(
            name: "check reading with limits",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "test", "title": "x", "every": "1d", "readings": [{"id": "seal", "type": "check", "max": 1}]}"#
                )),
            line: 5, path: "equipment[0].tasks[0].readings[0]", message: "a check passes or fails"),
        Case(
            name: "unknown reading stage",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "test", "title": "x", "every": "1d", "readings": [{"id": "a", "unit": "mm", "stage": "before"}]}"#
                )),
            line: 5, path: "equipment[0].tasks[0].readings[0].stage", message: "expected \"as-found\""),
        Case(
            name: "maxDeferral on work that cannot be deferred",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "test", "title": "x", "every": "1d", "deferrable": false, "maxDeferral": "1d"}"#
                )),
            line: 5, path: "equipment[0].tasks[0].maxDeferral", message: "cannot be deferred at all"),
        Case(name: "not JSON", main: "{\"site\": ", line: 1, path: "", message: "invalid JSON: expected a value"),
        Case(
            name: "trailing comma", main: "{\"site\": {\"name\": \"x\", \"timezone\": \"UTC\"},}", line: 1, path: "",
            message: "trailing comma"),
        Case(name: "comment", main: "{\n// plant\n}", line: 2, path: "", message: "comments are not allowed"),
        Case(name: "root is an array", main: "[]", line: 1, path: "", message: "expected an object, found an array"),
        Case(name: "missing site", main: "{\"equipment\": []}", line: 1, path: "", message: "missing \"site\""),
        Case(
            name: "missing timezone", main: "{\"site\": {\"name\": \"x\"}}", line: 1, path: "site",
            message: "missing \"timezone\""),
        Case(
            name: "unknown time zone", main: plant("").replacingOccurrences(of: "Europe/Berlin", with: "Europe/Berln"),
            line: 2, path: "site.timezone", message: "unknown time zone \"Europe/Berln\""),
        Case(
            name: "typo in a task key",
            main: plant(machine(#"{"id": "t", "kind": "inspection", "title": "x", "intreval": "90d"}"#)),
            line: 5, path: "equipment[0].tasks[0].intreval", message: "unknown key \"intreval\""),
        Case(
            name: "typo with suggestion",
            main: plant(
                machine(#"{"id": "t", "kind": "test", "title": "x", "every": "1d", "lastdone": "2026-01-01"}"#)),
            line: 5, path: "equipment[0].tasks[0].lastdone", message: "did you mean \"lastDone\"?"),
        Case(
            name: "unknown top-level key",
            main: "{\"site\": {\"name\": \"x\", \"timezone\": \"UTC\"}, \"equipments\": []}",
            line: 1, path: "equipments", message: "did you mean \"equipment\"?"),
        Case(
            name: "duplicate key",
            main: plant(machine(#"{"id": "t", "id": "u", "kind": "test", "title": "x", "every": "1d"}"#)),
            line: 5, path: "equipment[0].tasks[0].id", message: "duplicate key \"id\""),
        Case(
            name: "bad duration unit",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "90 dias"}"#)),
            line: 5, path: "equipment[0].tasks[0].every", message: "unknown unit \"dias\""),
        Case(
            name: "ambiguous m", main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "3m"}"#)),
            line: 5, path: "equipment[0].tasks[0].every", message: "ambiguous"),
        Case(
            name: "zero interval", main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "0d"}"#)),
            line: 5, path: "equipment[0].tasks[0].every", message: "is zero"),
        Case(
            name: "fractional days",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "1.5d"}"#)),
            line: 5, path: "equipment[0].tasks[0].every", message: "whole numbers"),
        Case(
            name: "number instead of duration",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": 90}"#)),
            line: 5, path: "equipment[0].tasks[0].every", message: "expected a string, found a number"),
        Case(
            name: "bad calendar",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "calendar": "Mon..Fri 25:00"}"#)),
            line: 5, path: "equipment[0].tasks[0].calendar", message: "hour 25 is out of range"),
        Case(
            name: "backwards weekday range",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "calendar": "Fri..Mon 08:00"}"#)),
            line: 5, path: "equipment[0].tasks[0].calendar", message: "runs backwards"),
        Case(
            name: "unknown kind",
            main: plant(machine(#"{"id": "t", "kind": "greasing", "title": "x", "every": "1d"}"#)),
            line: 5, path: "equipment[0].tasks[0].kind", message: "unknown kind \"greasing\""),
        Case(
            name: "no trigger", main: plant(machine(#"{"id": "t", "kind": "test", "title": "x"}"#)),
            line: 5, path: "equipment[0].tasks[0]", message: "no trigger"),
        Case(
            name: "anchor without every",
            main: plant(
                machine(#"{"id": "t", "kind": "test", "title": "x", "calendar": "daily", "anchor": "schedule"}"#)),
            line: 5, path: "equipment[0].tasks[0].anchor", message: "only applies to \"every\""),
        Case(
            name: "unknown anchor",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "1d", "anchor": "fixed"}"#)),
            line: 5, path: "equipment[0].tasks[0].anchor", message: "unknown anchor \"fixed\""),
        Case(
            name: "meter that does not exist",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "test", "title": "x", "meter": {"id": "hours", "every": 250}}"#,
                    meters: #"{"id": "run-hours", "unit": "h"}"#)),
            line: 5, path: "equipment[0].tasks[0].meter.id",
            message: "no meter \"hours\" on this equipment; declared meters: run-hours"),
        Case(
            name: "meter every zero",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "test", "title": "x", "meter": {"id": "run-hours", "every": 0}}"#,
                    meters: #"{"id": "run-hours", "unit": "h"}"#)),
            line: 5, path: "equipment[0].tasks[0].meter.every", message: "greater than 0"),
        Case(
            name: "meter without unit", main: plant(machine(Self.task, meters: #"{"id": "run-hours"}"#)),
            line: 5, path: "equipment[0].meters[0]", message: "missing \"unit\""),
        Case(
            name: "duplicate task id", main: plant(machine(Self.task + "," + Self.task)),
            line: 5, path: "equipment[0].tasks[1].id", message: "duplicate task id \"t\""),
        Case(
            name: "duplicate equipment across files",
            main: plant(machine(Self.task), extra: #""include": ["lines/*.json"],"#),
            includes: ["lines/b.json": "{\"equipment\": [\(machine(Self.task))]}"],
            line: 1, path: "equipment[0].id",
            message: "duplicate equipment id \"E1\" (first defined at /etc/maintd/maintd.json:5"),
        Case(
            name: "include matching nothing", main: plant("", extra: #""include": ["lines/*.json"],"#),
            line: 3, path: "include[0]", message: "matches no file"),
        Case(
            name: "site in an included file", main: plant("", extra: #""include": ["lines/*.json"],"#),
            includes: ["lines/b.json": #"{"site": {"name": "y", "timezone": "UTC"}}"#],
            line: 1, path: "site", message: "unknown key \"site\""),
        Case(
            name: "broken included file", main: plant("", extra: #""include": ["lines/*.json"],"#),
            includes: ["lines/b.json": "{\n  \"equipment\": [\n    {\"id\": \"x\",}\n  ]\n}"],
            line: 3, path: "", message: "trailing comma"),
        Case(
            name: "unknown line", main: plant(#"{"id": "E1", "name": "Press", "line": "line-x", "tasks": []}"#),
            line: 5, path: "equipment[0].line", message: "unknown line \"line-x\"; declared lines: line-a"),
        Case(
            name: "invalid id", main: plant(#"{"id": "E 1/2", "name": "Press", "line": "line-a"}"#),
            line: 5, path: "equipment[0].id", message: "is not a valid id"),
        Case(
            name: "missing equipment name", main: plant(#"{"id": "E1", "line": "line-a"}"#),
            line: 5, path: "equipment[0]", message: "missing \"name\""),
        Case(
            name: "inService not a boolean",
            main: plant(#"{"id": "E1", "name": "P", "line": "line-a", "inService": "yes"}"#),
            line: 5, path: "equipment[0].inService", message: "expected true or false, found a string"),
        Case(
            name: "bad lastDone",
            main: plant(
                machine(#"{"id": "t", "kind": "test", "title": "x", "every": "1d", "lastDone": "31.12.2025"}"#)),
            line: 5, path: "equipment[0].tasks[0].lastDone", message: "is not a date"),
        Case(
            name: "impossible commissioned date",
            main: plant(#"{"id": "E1", "name": "P", "line": "line-a", "commissioned": "2026-02-30"}"#),
            line: 5, path: "equipment[0].commissioned", message: "is not a date"),
        Case(
            name: "bad tolerance percentage",
            main: plant(machine(#"{"id": "t", "kind": "test", "title": "x", "every": "1d", "tolerance": "-5%"}"#)),
            line: 5, path: "equipment[0].tasks[0].tolerance", message: "percentage"),
        Case(
            name: "min above max",
            main: plant(
                machine(
                    #"{"id": "t", "kind": "calibration", "title": "x", "every": "1y", "readings": [{"id": "r", "unit": "mm", "min": 2, "max": 1}]}"#
                )),
            line: 5, path: "equipment[0].tasks[0].readings[0].max", message: "below min"),
        Case(
            name: "former id clashing with an id",
            main: plant(
                machine(Self.task) + "," + #"{"id": "E2", "name": "P", "line": "line-a", "formerIds": ["E1"]}"#),
            line: 5, path: "equipment[1].formerIds", message: "former id \"E1\" is the id of equipment"),
        Case(
            name: "bad role group", main: plant("", extra: #""roles": {"lead": ["maintd leads"]},"#),
            line: 3, path: "roles.lead[0]", message: "not a valid Unix group name"),
        Case(
            name: "deep nesting", main: String(repeating: "[", count: 100) + String(repeating: "]", count: 100),
            line: 1, path: "", message: "nested more than"),
        Case(name: "missing main file", main: "", line: 1, path: "", message: "invalid JSON"),
    ]

    @Test(arguments: cases)
    func isRefusedWithALocatedMessage(_ c: Case) throws {
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(c.main, includes: c.includes) }
        let diagnostics = try #require(error).diagnostics
        let match = diagnostics.first { $0.path == c.path && $0.message.contains(c.message) }
        #expect(match != nil, "no diagnostic at \(c.path) containing \(c.message); got:\n\(diagnostics)")
        if let match, let line = c.line { #expect(match.location.line == line, "\(match)") }
    }

    @Test func everyErrorIsReportedNotOnlyTheFirst() throws {
        let main = plant(
            machine(
                #"""
                {"id": "a", "kind": "greasing", "title": "x", "every": "3m"},
                {"id": "b", "kind": "test", "title": "y", "calendar": "Mon 25:00", "colour": "red"}
                """#))
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(main) }
        let paths = try #require(error).diagnostics.map(\.path)
        #expect(
            paths == [
                "equipment[0].tasks[0].kind", "equipment[0].tasks[0].every", "equipment[0].tasks[1].calendar",
                "equipment[0].tasks[1].colour",
            ])
    }

    /// Included files are decoded on several cores at once; what they declare is still taken in the order they were
    /// included: a line declared again is an error at the later declaration, whichever files the two are in, and
    /// machines keep the order of their files.
    @Test func includedFilesAreTakenInOrderAndALineDeclaredTwiceIsFoundAcrossThem() throws {
        func lines(_ ids: [String]) -> String {
            "[" + ids.map { #"{"id": "\#($0)", "name": "Line \#($0)"}"# }.joined(separator: ", ") + "]"
        }
        func part(_ line: [String], machines: [String]) -> String {
            #"{"lines": \#(lines(line)), "equipment": ["#
                + machines.map {
                    #"{"id": "\#($0)", "name": "M", "tasks": [{"id": "t", "kind": "test", "title": "x", "every": "7d"}]}"#
                }.joined(separator: ", ") + "]}"
        }
        let main =
            #"{"site": {"name": "x", "timezone": "UTC"}, "include": ["parts/*.json"], "lines": \#(lines(["A"]))}"#
        var includes: [String: String] = [:]
        for index in 1...9 {
            includes["parts/\(index).json"] = part(["L\(index)"], machines: ["M\(index)a", "M\(index)b"])
        }
        let clean = try loadConfiguration(main, includes: includes)
        #expect(clean.equipment.map(\.id) == (1...9).flatMap { ["M\($0)a", "M\($0)b"] })
        #expect(clean.lines.map(\.id) == ["A"] + (1...9).map { "L\($0)" })
        #expect(clean.files == ["/etc/maintd/maintd.json"] + (1...9).map { "/etc/maintd/parts/\($0).json" })

        includes["parts/2.json"] = part(["A", "B"], machines: [])
        includes["parts/5.json"] = part(["B", "C"], machines: [])
        includes["parts/7.json"] = part(["C", "C"], machines: [])
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(main, includes: includes) }
        let found = try #require(error).diagnostics.map { "\($0.file):\($0.location): \($0.path): \($0.message)" }
        #expect(
            found == [
                #"/etc/maintd/parts/2.json:1:19: lines[0].id: duplicate line id "A" (first defined at /etc/maintd/maintd.json:1:83)"#,
                #"/etc/maintd/parts/5.json:1:19: lines[0].id: duplicate line id "B" (first defined at /etc/maintd/parts/2.json:1:43)"#,
                #"/etc/maintd/parts/7.json:1:19: lines[0].id: duplicate line id "C" (first defined at /etc/maintd/parts/5.json:1:43)"#,
                #"/etc/maintd/parts/7.json:1:50: lines[1].id: duplicate line id "C" (first defined at /etc/maintd/parts/5.json:1:43)"#,
            ], "\(found)")
    }

    @Test func messagesReadFileLineColumnPathMessage() throws {
        let main = "{\n  \"site\": {\"name\": \"x\", \"timezone\": \"Mars/Base\"}\n}"
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(main) }
        #expect(
            try #require(error).description
                == "/etc/maintd/maintd.json:2:37: site.timezone: unknown time zone \"Mars/Base\"; use an IANA name such as \"Europe/Berlin\""
        )
    }

    @Test func calendarErrorsPointInsideTheString() throws {
        let main =
            "{\"site\": {\"name\": \"x\", \"timezone\": \"UTC\"}, \"lines\": [{\"id\": \"l\"}], \"equipment\": [\n"
            + #"{"id": "E", "name": "n", "line": "l", "tasks": [{"id": "t", "kind": "test", "title": "x", "calendar": "*-*-* 12:61"}]}]}"#
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(main) }
        let diagnostic = try #require(error?.diagnostics.first)
        // The string's opening quote is at column 103; "61" is its 10th character.
        #expect(diagnostic.location == SourceLocation(line: 2, column: 103 + 1 + 9))
    }
}
