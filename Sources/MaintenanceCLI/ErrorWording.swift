public import MaintenanceProtocol

/// Varlink errors as sentences for people.
public enum ErrorWording {
    /// `options` maps the interface's parameter names to what the user typed (`performedAt` → `--at`).
    public static func sentence(_ error: VarlinkError, options: [String: String] = [:]) -> String {
        // What maintd says may quote stored text: shown escaped, line by line.
        TerminalText.escapedLines(words(error, options: options)).joined(separator: "\n")
    }

    private static func words(_ error: VarlinkError, options: [String: String]) -> String {
        let p = error.parameters
        func s(_ key: String) -> String { p[key]?.stringValue ?? "?" }
        func n(_ key: String) -> String {
            if case .number(let value)? = p[key] { return String(Int64(value)) }
            return "?"
        }
        switch error.shortName {
        case "NoSuchTask":
            return "no task \"\(s("task"))\" on \(s("equipment")) (see: maintctl tasks --equipment \(s("equipment")))"
        case "NoSuchEquipment": return "no equipment \"\(s("equipment"))\" (see: maintctl tasks)"
        case "NoSuchMeter": return "\(s("equipment")) has no meter \"\(s("meter"))\""
        case "NoSuchRecord": return "there is no record \(n("record")) (see: maintctl history)"
        case "InvalidParameter":
            let parameter = s("parameter")
            let head = String(parameter.split(separator: ".").first ?? "")
            let typed =
                options[parameter]
                ?? options[head].map { option in
                    parameter.contains(".") ? "\(option) \(parameter.dropFirst(head.count + 1))" : option
                } ?? parameter
            return "invalid \(typed): \(p["reason"]?.stringValue ?? "not accepted")"
        case "PermissionDenied":
            if p["required"] == nil { return "permission denied" }
            var groups: [String] = []
            if case .array(let items)? = p["groups"] { groups = items.compactMap(\.stringValue) }
            let how =
                groups.isEmpty
                ? "" : " (\(s("required"))s are members of group \(groups.joined(separator: " or ")))"
            return
                "permission denied: \(s("method")) needs a \(s("required")); \(s("user")) is \(s("role") == "none" ? "in no maintd role" : "a \(s("role"))")\(how)"
        case "MeterReadingRejected": return "meter reading rejected: \(s("reason"))"
        case "ReadingOutOfRange":
            let id =
                p["record"]?["id"].map { if case .number(let v) = $0 { return String(Int64(v)) } else { return "?" } }
                ?? "?"
            var readings: [String] = []
            if case .array(let items)? = p["readings"] { readings = items.compactMap(\.stringValue) }
            var outOfTolerance: [String] = []
            if case .array(let items)? = p["record"]?["outOfTolerance"] {
                outOfTolerance = items.compactMap(\.stringValue)
            }
            let steps = readings.filter { !outOfTolerance.contains($0) }
            var parts: [String] = []
            if !outOfTolerance.isEmpty {
                parts.append(
                    "out of tolerance: \(outOfTolerance.joined(separator: ", ")); the equipment stays out of tolerance until a passing calibration is recorded"
                )
            }
            if !steps.isEmpty { parts.append("failed checklist steps: \(steps.joined(separator: ", "))") }
            return "recorded as FAILED (record \(id)): \(parts.joined(separator: "; "))"
        case "ConfigRejected":
            var lines = ["the configuration was rejected; maintd keeps running the previous one:"]
            if case .array(let errors)? = p["errors"] {
                for e in errors {
                    let line =
                        e["line"].map { if case .number(let v) = $0 { return String(Int(v)) } else { return "?" } }
                        ?? "?"
                    let column =
                        e["column"].map { if case .number(let v) = $0 { return String(Int(v)) } else { return "?" } }
                        ?? "?"
                    // A syntax error has no JSON path: "file:49:132: invalid JSON…", not "file:49:132: : invalid…".
                    let path = e["path"]?.stringValue ?? ""
                    lines.append(
                        "\(e["file"]?.stringValue ?? ""):\(line):\(column): \(path.isEmpty ? "" : path + ": ")\(e["message"]?.stringValue ?? "")"
                    )
                }
            }
            return lines.joined(separator: "\n")
        case "HistoryUnavailable": return "the history could not be written or read: \(s("reason"))"
        case "MethodNotFound": return "maintd does not know \(s("method")) (is it older than this maintctl?)"
        default: return error.description
        }
    }
}
