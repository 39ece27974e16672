import Foundation
import Testing

/// maintd-web through the binaries and real clients: headless Chromium on the board, the `icalendar` package on
/// the calendar feed, `prometheus_client`'s parser on the metrics. maintd-web only ever talks to maintd's socket.
@Suite(.serialized)
struct WebTests {
    static var tasks: String {
        let week = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3 * 86_400))
        return """
            {"id": "curtain", "kind": "test", "title": "Test light curtain", "every": "1d", "lastDone": "2025-11-01",
             "blocksOperation": true},
            {"id": "grease", "kind": "lubrication", "title": "Grease gibs", "every": "1d", "lastDone": "2025-11-01"},
            {"id": "oil", "kind": "replacement", "title": "Change oil", "every": "30d", "lastDone": "\(week)",
             "estimatedDuration": "2h"}
            """
    }
    let daemon: Daemon
    let port: Int
    let web: ChildProcess

    init() throws {
        try Journald.ensureRunning()
        // Stored text that would be markup or a terminal escape: shown as text everywhere.
        let other = """
            , {"id": "W1", "name": "Welder <script>alert(1)</script> \\u001b[31m", "line": "line-a", "tasks": [
               {"id": "tips", "kind": "replacement", "title": "Dress tips & \\"check\\"", "every": "1d",
                "lastDone": "2025-11-01"}]}
            """
        daemon = try Daemon(config: testPlant(Self.tasks, extraEquipment: other))
        try daemon.start()
        try daemon.waitUntilReady()
        port = try freePort()
        web = try ChildProcess(
            Binaries.maintdWeb,
            ["--socket", daemon.socketPath, "--address", "127.0.0.1:\(port)", "--max-streams", "4", "--refresh", "2"],
            environment: [:], log: daemon.directory.appendingPathComponent("web.log").path)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, (try? get("/metrics"))?.body.contains("maintd_up 1") != true { usleep(100_000) }
    }

    func stop() {
        if web.isRunning { kill(web.processIdentifier, SIGTERM) }
        _ = web.waitUntilExit()
        _ = daemon.stop()
    }

    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// A GET through Python's urllib (a client independent of the server's stack).
    func get(_ path: String) throws -> Answer {
        let script = """
            import json, sys, urllib.request, urllib.error
            try:
                r = urllib.request.urlopen(sys.argv[1], timeout=10)
                print(json.dumps({"status": r.status, "headers": dict(r.headers), "body": r.read().decode()}))
            except urllib.error.HTTPError as e:
                print(json.dumps({"status": e.code, "headers": dict(e.headers), "body": e.read().decode()}))
            """
        let run = try Binaries.run(Binaries.python, ["-c", script, "http://127.0.0.1:\(port)\(path)"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stderr)")
        return Answer(
            status: object["status"] as? Int ?? 0, headers: object["headers"] as? [String: String] ?? [:],
            body: object["body"] as? String ?? "")
    }

    func check(_ arguments: [String]) throws -> [String: Any] {
        let script = Binaries.root.appendingPathComponent("Tests/Clients/web_check.py").path
        let run = try Binaries.run(Binaries.python, [script] + arguments)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
            "\(run.stdout)\(run.stderr)")
    }

    func maintctl(_ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(Binaries.maintctl, arguments + ["--socket", daemon.socketPath])
    }

    @Test func theBoardShowsThePlantAndFollowsACompletionWithoutAReload() throws {
        defer { stop() }
        let result = try check([
            "board", "http://127.0.0.1:\(port)/board", "E1/curtain", "--",
            Binaries.maintctl, "done", "E1/curtain", "--socket", daemon.socketPath,
        ])
        #expect(result["shown"] as? Bool == true && result["live"] as? Bool == true, "\(result)")
        let before = try #require(result["before"] as? [String: Any])
        let text = try #require(before["text"] as? String)
        #expect(text.contains("Line B") && text.contains("Line A") && text.contains("Test light curtain"))
        #expect(text.contains("Welder <script>alert(1)</script>"), "stored text is shown as text")
        #expect((before["overdue"] as? [String])?.contains("E1/curtain") == true)
        #expect(result["command"] as? Int == 0, "\(result["commandError"] ?? "")")
        #expect(result["moved"] as? Bool == true, "the completion did not reach the page: \(result)")
        let after = try #require(result["after"] as? [String: Any])
        #expect(after["mark"] as? Int == 42, "the page was reloaded")
        #expect((after["overdue"] as? [String])?.contains("E1/grease") == true)

        // One line's board, the same escaping in the served HTML, and 404 for a line the plant lacks.
        let lineA = try get("/board/line-a")
        #expect(lineA.status == 200 && lineA.body.contains("W1/tips") && !lineA.body.contains("E1/grease"))
        #expect(lineA.body.contains("Welder &lt;script&gt;alert(1)&lt;/script&gt; \\u{1b}[31m"))
        #expect(!lineA.body.contains("<script>alert") && !lineA.body.contains("\u{1B}"))
        #expect(lineA.headers["Content-Security-Policy"]?.contains("script-src 'self'") == true)
        #expect(try get("/board/no-such-line").status == 404)
    }

    @Test func theCalendarFeedHasAnEventPerOccurrenceWithUIDsThatSurviveADeferral() throws {
        defer { stop() }
        let first = try check(["ics", "http://127.0.0.1:\(port)/calendar.ics"])
        #expect(first["status"] as? Int == 200 && first["crlf"] as? Bool == true)
        #expect((first["longest"] as? Int ?? 99) <= 75, "content lines are folded at 75 octets")
        let events = try #require(first["events"] as? [[String: Any]])
        #expect(events.count == 4, "\(events)")
        let curtain = try #require(events.first { ($0["uid"] as? String)?.contains("/E1/curtain@") == true })
        #expect((curtain["summary"] as? String)?.hasPrefix("OVERDUE") == true)
        #expect((curtain["description"] as? String)?.contains("Blocks operation") == true)
        let again = try #require(
            try check(["ics", "http://127.0.0.1:\(port)/calendar.ics"])["events"] as? [[String: Any]])
        #expect(Set(again.compactMap { $0["uid"] as? String }) == Set(events.compactMap { $0["uid"] as? String }))

        // A lead defers the oil change: the same event moves (a higher sequence), no second one appears.
        let until = ISO8601DateFormatter().string(from: Date().addingTimeInterval(40 * 86_400))
        let deferred = try maintctl(["defer", "E1/oil", "--until", until, "--reason", "line cannot stop"])
        #expect(deferred.status == 0, "\(deferred.stderr)")
        // maintd-web hears of it through Watch and asks again (at most once a second).
        var moved: [[String: Any]] = []
        for _ in 0..<50 {
            moved = try #require(
                try check(["ics", "http://127.0.0.1:\(port)/calendar.ics"])["events"] as? [[String: Any]])
            if moved.contains(where: { $0["sequence"] as? Int == 1 }) { break }
            usleep(200_000)
        }
        let oilBefore = try #require(events.first { ($0["uid"] as? String)?.contains("/E1/oil@") == true })
        let oilAfter = try #require(moved.first { ($0["uid"] as? String)?.contains("/E1/oil@") == true })
        #expect(moved.count == 4 && oilAfter["uid"] as? String == oilBefore["uid"] as? String)
        #expect(oilAfter["sequence"] as? Int == 1 && oilAfter["start"] as? String != oilBefore["start"] as? String)

        let lineA = try check(["ics", "http://127.0.0.1:\(port)/calendar/line-a.ics"])
        #expect((lineA["events"] as? [[String: Any]])?.count == 1)
        #expect(try get("/calendar/nowhere.ics").status == 404)
    }

    @Test func metricsParseAndCountWhatHappens() throws {
        defer { stop() }
        func families() throws -> [String: [String: Any]] {
            try #require(
                try check(["metrics", "http://127.0.0.1:\(port)/metrics"])["families"] as? [String: [String: Any]])
        }
        func samples(_ families: [String: [String: Any]], _ name: String) -> [[String: Any]] {
            families[name]?["samples"] as? [[String: Any]] ?? []
        }
        func value(_ families: [String: [String: Any]], _ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples(families, name).first { sample in
                let have = sample["labels"] as? [String: String] ?? [:]
                return labels.allSatisfy { have[$0.key] == $0.value }
                    && (sample["name"] as? String)?.hasSuffix("_created") != true
            }?["value"] as? Double
        }
        // The history is verified once at start.
        var before = try families()
        let deadline = Date().addingTimeInterval(10)
        while value(before, "maintd_history_intact") == nil && Date() < deadline {
            usleep(200_000)
            before = try families()
        }
        #expect(value(before, "maintd_up") == 1)
        #expect(value(before, "maintd_history_intact") == 1)
        #expect(value(before, "maintd_tasks", ["line": "line-b", "kind": "test", "state": "overdue"]) == 1)
        #expect(value(before, "maintd_tasks", ["line": "line-b", "kind": "test", "state": "due"]) == 0)
        #expect(value(before, "maintd_task_next_due_timestamp_seconds", ["task": "oil"]) != nil)
        #expect(value(before, "maintd_completions", ["result": "pass"]) == 0)

        #expect(try maintctl(["done", "E1/grease"]).status == 0)
        var after = try families()
        for _ in 0..<50 where value(after, "maintd_completions", ["result": "pass"]) != 1 {
            usleep(200_000)
            after = try families()
        }
        #expect(value(after, "maintd_completions", ["result": "pass"]) == 1)
        #expect(value(after, "maintd_tasks", ["line": "line-b", "kind": "lubrication", "state": "overdue"]) == 0)
        let done = try #require(value(after, "maintd_task_last_done_timestamp_seconds", ["task": "grease"]))
        #expect(abs(done - Date().timeIntervalSince1970) < 60)
        #expect(after["maintd_web_request_duration_seconds"]?["type"] as? String == "histogram")

        // maintd goes away: up is 0, the board says so, and the feed keeps what it last knew.
        _ = daemon.stop()
        let deadline2 = Date().addingTimeInterval(15)
        var down = try families()
        while value(down, "maintd_up") != 0 && Date() < deadline2 {
            usleep(300_000)
            down = try families()
        }
        #expect(value(down, "maintd_up") == 0)
        #expect(try get("/board").body.contains("maintd cannot be asked"))
        #expect(try get("/calendar.ics").status == 200)
    }

    @Test func aFloodOfBoardsIsRefusedAndOthersAreStillServed() throws {
        defer { stop() }
        // Four streams are allowed here (--max-streams 4); clients that never read hold theirs.
        var holders: [Int32] = []
        defer { holders.forEach { close($0) } }
        for _ in 0..<4 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            let request = "GET /board/events HTTP/1.1\r\nHost: x\r\n\r\n"
            _ = request.withCString { send(fd, $0, strlen($0), 0) }
            holders.append(fd)
        }
        usleep(500_000)
        let refused = try get("/board/events")
        #expect(refused.status == 503 && refused.body.contains("too many boards"), "\(refused)")
        #expect(try get("/board").status == 200)
        #expect(try get("/metrics").status == 200)
    }

    @Test func theWebUnitVerifiesAndIsHardened() throws {
        defer { stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("maintd-web-unit-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let unit = try String(
            contentsOf: Binaries.root.appendingPathComponent("systemd/maintd-web.service"), encoding: .utf8
        ).replacingOccurrences(of: "/usr/local/bin/maintd-web", with: Binaries.maintdWeb)
        let path = directory.appendingPathComponent("maintd-web.service").path
        try unit.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(
            atPath: Binaries.root.appendingPathComponent("systemd/maintd.socket").path,
            toPath: directory.appendingPathComponent("maintd.socket").path)
        let verify = try Binaries.run("/usr/bin/systemd-analyze", ["verify", "--man=no", path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let security = try Binaries.run("/usr/bin/systemd-analyze", ["security", "--offline=true", "--no-pager", path])
        let line = security.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }
        let score = line.flatMap { $0.split(separator: ":").last?.split(separator: " ").first }.flatMap { Double($0) }
        #expect(score != nil && score! <= 1.5, "\(security.stdout.suffix(400))")
        #expect(try Binaries.run(Binaries.maintdWeb, ["--version"]).stdout.hasPrefix("maintd-web "))
        let bad = try Binaries.run(Binaries.maintdWeb, ["--address", "localhost:99999"])
        #expect(bad.status != 0 && bad.stderr.contains("--address"))
    }
}
