public import FoundationEssentials
import MaintenanceCLI
import MaintenanceCore
import MaintenanceProtocol

/// The shop-floor board: per line, what is overdue, due and upcoming, in type readable across a room. The server
/// renders it (the page works without scripts); a few lines of script replace it with each fragment the event
/// stream sends, so it follows maintd without a reload and without a framework.
public enum BoardPage {
    /// How many tasks a column lists before "and N more": a TV has no scroll bar.
    public static let shownPerColumn = 8

    /// The whole page for the plant or one line.
    public static func page(_ state: FeedState, line: String?, now: Date) -> String {
        let site = state.snapshot?.status.site ?? "maintd"
        let title = line.map { l in state.snapshot?.lines.first { $0.id == l }?.name ?? l } ?? "All lines"
        let events = "/board/events" + (line.map { "?line=" + percentEncoded($0) } ?? "")
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escaped(site)) · \(HTMLText.escaped(title)) · maintenance board</title>
            <link rel="stylesheet" href="/board.css">
            <script src="/board.js" defer></script>
            </head>
            <body>
            <header><h1>\(HTMLText.escaped(site)) <span class="scope">\(HTMLText.escaped(title))</span></h1>\
            <p id="live" class="connecting">connecting…</p></header>
            <main id="board" data-events="\(HTMLText.escaped(events))">
            \(fragment(state, line: line, now: now))
            </main>
            </body>
            </html>

            """
    }

    /// The part the event stream replaces: a section per line with its three columns.
    public static func fragment(_ state: FeedState, line: String?, now: Date) -> String {
        var html = ""
        if let problem = state.problem {
            let age =
                state.snapshot.map {
                    " Showing what it said " + RelativeTime.systemdStyle(from: now, to: $0.takenAt) + "."
                } ?? ""
            html +=
                "<p class=\"problem\" role=\"alert\">maintd cannot be asked: \(HTMLText.escaped(problem)).\(age)</p>\n"
        }
        guard let snapshot = state.snapshot else { return html }
        let lines = snapshot.lines.filter { line == nil || $0.id == line }
        if lines.isEmpty { html += "<p class=\"empty\">No tasks on this line.</p>\n" }
        for (id, name) in lines {
            let tasks = snapshot.tasks(on: id)
            html += "<section class=\"line\" data-line=\"\(HTMLText.escaped(id))\">\n"
            html += "<h2>\(HTMLText.escaped(id.isEmpty ? "Outside any line" : name))</h2>\n<div class=\"columns\">\n"
            for state in ["overdue", "due", "upcoming"] {
                let column = tasks.filter { $0.state == state }
                html += "<div class=\"column \(state)\" data-state=\"\(state)\">"
                html += "<h3><span class=\"count\">\(column.count)</span> \(state)</h3>\n<ol>\n"
                for task in column.prefix(shownPerColumn) {
                    html += item(task, snapshot: snapshot, now: now)
                }
                html += "</ol>\n"
                if column.count > shownPerColumn {
                    html += "<p class=\"more\">and \(column.count - shownPerColumn) more</p>\n"
                }
                html += "</div>\n"
            }
            html += "</div>\n</section>\n"
        }
        html +=
            "<p class=\"updated\">Updated \(Timestamp.wallClock(snapshot.takenAt, in: snapshot.zone)) (site time)</p>\n"
        return html
    }

    private static func item(_ task: WireTask, snapshot: PlantSnapshot, now: Date) -> String {
        let when: String
        switch task.state {
        case "overdue":
            when =
                task.overdueAt.flatMap(Timestamp.parseRFC3339).map {
                    "overdue for " + String(RelativeTime.systemdStyle(from: now, to: $0).dropLast(" ago".count))
                } ?? "overdue"
        case "due":
            when =
                task.dueAt.flatMap(Timestamp.parseRFC3339).map {
                    "due since " + Timestamp.wallClock($0, in: snapshot.zone)
                } ?? "due now"
        default:
            when =
                (task.dueAt ?? task.forecastAt).flatMap(Timestamp.parseRFC3339).map {
                    "due " + Timestamp.wallClock($0, in: snapshot.zone)
                } ?? "due soon"
        }
        var flags = ""
        if task.awaitingRetest { flags += " <span class=\"flag\">RETEST</span>" }
        if task.blocksOperation == true { flags += " <span class=\"flag\">BLOCKS OPERATION</span>" }
        if task.lockout == true { flags += " <span class=\"flag\">LOTO</span>" }
        return """
            <li data-task="\(HTMLText.escaped(task.equipment))/\(HTMLText.escaped(task.task))">\
            <span class="what">\(HTMLText.escaped(task.equipmentName)): \(HTMLText.escaped(task.title))</span>\(flags) \
            <span class="when">\(HTMLText.escaped(when))</span></li>

            """
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E || byte == 0x5F
            {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += (byte < 0x10 ? "%0" : "%") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// The style: dark, high contrast, sized to the screen so a TV across the room reads it.
    public static let stylesheet = """
        :root { color-scheme: dark; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #101418; color: #f2f2f2; font-family: "DejaVu Sans", sans-serif;
               font-size: clamp(18px, 1.6vw, 40px); }
        header { display: flex; justify-content: space-between; align-items: baseline; padding: 0.4em 1em;
                 background: #1c232b; }
        h1 { margin: 0; font-size: 1.6em; } .scope { color: #9fb3c8; font-weight: normal; }
        #live { margin: 0; font-size: 0.9em; } .live { color: #6fd672; } .connecting, .lost { color: #ffb347; }
        main { padding: 0.5em 1em; }
        .line { margin-bottom: 0.8em; } h2 { margin: 0.2em 0; font-size: 1.4em; }
        .columns { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.6em; }
        .column { border-radius: 0.3em; padding: 0.3em 0.6em; background: #1c232b; border-top: 0.35em solid; }
        .overdue { border-color: #ff4d4d; } .due { border-color: #ffb347; } .upcoming { border-color: #5aa9ff; }
        h3 { margin: 0.1em 0 0.3em; font-size: 1.1em; text-transform: uppercase; letter-spacing: 0.05em; }
        .count { font-size: 2.2em; font-weight: bold; margin-right: 0.2em; }
        .overdue .count { color: #ff4d4d; } .due .count { color: #ffb347; } .upcoming .count { color: #5aa9ff; }
        ol { list-style: none; margin: 0; padding: 0; }
        li { padding: 0.2em 0; border-bottom: 1px solid #2c3640; }
        .what { display: block; } .when { color: #c8d2dc; font-size: 0.85em; }
        .flag { background: #ff4d4d; color: #101418; font-weight: bold; font-size: 0.7em; padding: 0 0.3em;
                border-radius: 0.2em; }
        .more, .updated { color: #9fb3c8; font-size: 0.85em; margin: 0.3em 0; }
        .problem { background: #ff4d4d; color: #101418; font-weight: bold; padding: 0.4em 0.8em; }

        """

    /// The script: no framework; the server sends the rendered fragment.
    public static let script = """
        "use strict";
        (function () {
          var board = document.getElementById("board");
          var live = document.getElementById("live");
          if (!board || !window.EventSource) { return; }
          var source = new EventSource(board.getAttribute("data-events"));
          source.addEventListener("board", function (event) {
            board.innerHTML = event.data;
            board.setAttribute("data-version", event.lastEventId);
            live.textContent = "live";
            live.className = "live";
          });
          source.onerror = function () {
            live.textContent = "reconnecting…";
            live.className = "lost";
          };
        })();

        """
}
