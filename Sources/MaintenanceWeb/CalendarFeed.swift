public import FoundationEssentials
import MaintenanceCore
import MaintenanceProtocol

/// The iCalendar feed (RFC 5545) of what comes due: one VEVENT per task occurrence, from maintd's live state. A
/// task's UID is made of its occurrence (the instant or meter value the schedule set), so a deferral or a move by
/// the plant calendar updates the same event (a higher SEQUENCE) and a subscribed calendar never shows it twice;
/// when the work is done, the next occurrence is a new event and the done one leaves the feed.
public enum CalendarFeed {
    public static func render(_ snapshot: PlantSnapshot, line: String?, now: Date) -> String {
        let site = snapshot.status.site
        let name = line.map { l in "\(site) · " + (snapshot.lines.first { $0.id == l }?.name ?? l) } ?? site
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//maintd//maintd-web \(ProductVersion.text)//EN",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:" + text("\(name) maintenance"),
            "X-WR-TIMEZONE:" + text(snapshot.status.timezone),
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M", "X-PUBLISHED-TTL:PT15M",
        ]
        let domain = uidDomain(site)
        for task in snapshot.tasks(on: line) {
            guard task.state != "suspended",
                // A deferred occurrence is planned for when its deferral ends.
                let start = (task.deferredUntil ?? task.dueAt ?? task.forecastAt).flatMap(Timestamp.parseRFC3339)
            else { continue }
            let minutes = max(15, Int(((task.estimatedHours ?? 1) * 60).rounded()))
            let moved = task.deferredUntil != nil || task.dueMovedFrom != nil
            let tentative = task.dueAt == nil
            var summary = "\(task.equipmentName): \(task.title)"
            if task.state == "overdue" { summary = "OVERDUE · " + summary }
            if tentative { summary += " (forecast)" }
            var description = [
                "\(kindTitle(task.kind)) of \(task.equipmentName) (\(task.equipment)), \(task.lineName)",
                "State: \(task.state)",
            ]
            if let procedure = task.procedure { description.append("Procedure: \(procedure)") }
            if let overdue = task.overdueAt.flatMap(Timestamp.parseRFC3339) {
                description.append("Overdue from: " + Timestamp.wallClock(overdue, in: snapshot.zone))
            }
            if let until = task.deferredUntil.flatMap(Timestamp.parseRFC3339) {
                description.append(
                    "Deferred until " + Timestamp.wallClock(until, in: snapshot.zone) + ": "
                        + (task.deferralReason ?? ""))
            }
            if let reason = task.dueMoveReason { description.append("Moved: \(reason)") }
            if let meter = task.meter {
                description.append("Due at \(meter.dueValue) \(meter.unit) of \(meter.meter)")
            }
            if task.blocksOperation == true { description.append("Blocks operation when overdue or failed") }
            if let assignee = task.assignee { description.append("Assigned to: \(assignee)") }
            lines += [
                "BEGIN:VEVENT",
                "UID:" + text("\(task.occurrence)/\(task.equipment)/\(task.task)@\(domain)"),
                "DTSTAMP:" + stamp(now),
                "DTSTART:" + stamp(start),
                "DURATION:PT\(minutes)M",
                "SEQUENCE:\(moved ? 1 : 0)",
                "SUMMARY:" + text(summary),
                "DESCRIPTION:" + text(description.joined(separator: "\n")),
                "LOCATION:" + text(task.lineName),
                "CATEGORIES:" + text(task.kind),
                "STATUS:" + (tentative ? "TENTATIVE" : "CONFIRMED"),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A UTC date-time, `20261124T060000Z`.
    static func stamp(_ date: Date) -> String {
        let t = TimeZoneRules.utc.localTime(at: date.secondsSinceEpoch)
        let pad = Timestamp.pad
        return
            "\(pad(t.year, 4))\(pad(t.month0 + 1, 2))\(pad(t.day, 2))T\(pad(t.hour, 2))\(pad(t.minute, 2))\(pad(t.second, 2))Z"
    }

    /// A TEXT value: backslashes, semicolons, commas and newlines escaped; other control characters dropped (RFC
    /// 5545 allows none in text).
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var width = 0
        for character in line.unicodeScalars {
            let size = String(character).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(character)
            width += size
        }
        return out
    }

    /// A stable domain for UIDs from the site's name ("Springfield plant" → springfield-plant.maintd).
    static func uidDomain(_ site: String) -> String {
        let slug = site.lowercased().unicodeScalars.map {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0)) && $0.isASCII ? String($0) : "-"
        }
        .joined()
        return (slug.split(separator: "-").joined(separator: "-").prefix(40)) + ".maintd"
    }

    static func kindTitle(_ kind: String) -> String {
        TaskKind(rawValue: kind)?.title ?? kind
    }
}
