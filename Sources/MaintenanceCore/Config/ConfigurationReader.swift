public import FoundationEssentials

/// Reads typed values out of parsed JSON, recording a diagnostic for every problem instead of stopping at the first.
struct ConfigurationReader {
    let file: String
    var diagnostics: [ConfigurationDiagnostic] = []
    /// Durations, allowances and calendar expressions already read in this file, by text: a large plant repeats the
    /// same few thousands of times.
    private var durations: [String: MaintenanceInterval] = [:]
    private var allowances: [String: Allowance] = [:]
    var calendars: [String: Boxed<CalendarSpec>] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func error(_ location: SourceLocation, _ path: String, _ message: String) {
        diagnostics.append(ConfigurationDiagnostic(file: file, location: location, path: path, message: message))
    }

    /// The members of an object, after reporting unknown and duplicate keys; nil (and a diagnostic) if `node` is not
    /// an object.
    mutating func object(_ node: JSONNode, _ path: String, allowed: AllowedKeys) -> JSONFields? {
        guard case .object(let members) = node.value else {
            error(node.location, path, "expected an object, found \(node.kindDescription)")
            return nil
        }
        var result = JSONFields()
        for member in members {
            if let first = result[member.key] {
                error(
                    member.keyLocation, Self.join(path, member.key),
                    "duplicate key \"\(member.key)\" (first at line \(first.keyLocation.line))")
                continue
            }
            guard allowed.lookup.contains(member.key) else {
                let memberPath = Self.join(path, member.key)
                var message = "unknown key \"\(member.key)\""
                if let suggestion = Self.closest(member.key, in: allowed.names) {
                    message += " (did you mean \"\(suggestion)\"?)"
                }
                message += "; expected one of: \(allowed.names.filter { $0 != "$schema" }.joined(separator: ", "))"
                error(member.keyLocation, memberPath, message)
                continue
            }
            result.append(member)
        }
        return result
    }

    mutating func array(_ node: JSONNode, _ path: String) -> [JSONNode]? {
        guard case .array(let elements) = node.value else {
            error(node.location, path, "expected an array, found \(node.kindDescription)")
            return nil
        }
        return elements
    }

    mutating func string(_ node: JSONNode, _ path: String, nonEmpty: Bool = true) -> String? {
        guard case .string(let text) = node.value else {
            error(node.location, path, "expected a string, found \(node.kindDescription)")
            return nil
        }
        // Stops at the first character that is not a space (almost always the first), where trimming copied the text.
        if nonEmpty && !text.unicodeScalars.contains(where: { !$0.isSpace }) {
            error(node.location, path, "must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ node: JSONNode, _ path: String) -> Bool? {
        guard case .bool(let value) = node.value else {
            error(node.location, path, "expected true or false, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    mutating func number(_ node: JSONNode, _ path: String) -> Double? {
        guard case .number(let value, _) = node.value else {
            error(node.location, path, "expected a number, found \(node.kindDescription)")
            return nil
        }
        return value
    }

    mutating func strings(_ node: JSONNode, _ path: String) -> [String]? {
        guard let elements = array(node, path) else { return nil }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if let text = string(element, "\(path)[\(index)]") { result.append(text) }
        }
        return result
    }

    /// An identifier: letters, digits, `.`, `_`, `-`, starting with a letter or digit, at most 64 characters.
    mutating func identifier(_ node: JSONNode, _ path: String) -> String? {
        guard let text = string(node, path) else { return nil }
        guard let problem = Self.identifierProblem(text) else { return text }
        error(node.location, path, problem)
        return nil
    }

    static func identifierProblem(_ text: String) -> String? {
        // ASCII only, so bytes are characters.
        func letterOrDigit(_ c: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
        }
        let allowed = text.utf8.allSatisfy { c in
            letterOrDigit(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
        guard allowed, let first = text.utf8.first, letterOrDigit(first), text.utf8.count <= 64 else {
            return
                "\"\(text)\" is not a valid id: use up to 64 letters, digits, \".\", \"_\" or \"-\", starting with a letter or digit"
        }
        return nil
    }

    mutating func duration(_ node: JSONNode, _ path: String, positive: Bool = false) -> MaintenanceInterval? {
        guard let text = string(node, path) else { return nil }
        do {
            let interval: MaintenanceInterval
            if let known = durations[text] {
                interval = known
            } else {
                interval = try MaintenanceInterval(parsing: text)
                durations[text] = interval
            }
            if positive && interval.isZero {
                error(node.location, path, "\"\(text)\" is zero; an interval must be longer than that")
                return nil
            }
            return interval
        } catch {
            self.error(node.location, path, error.description)
            return nil
        }
    }

    mutating func allowance(_ node: JSONNode, _ path: String) -> Allowance? {
        guard let text = string(node, path) else { return nil }
        if let known = allowances[text] { return known }
        do {
            let allowance = try Allowance(parsing: text)
            allowances[text] = allowance
            return allowance
        } catch {
            self.error(
                node.location, path, "\(error.description) (a duration such as \"2d\" or a percentage such as \"10%\")")
            return nil
        }
    }

    /// `2026-03-01` (midnight in the site's zone), `2026-03-01T06:00` (site-local) or RFC 3339 with an offset.
    mutating func date(_ node: JSONNode, _ path: String, zone: TimeZoneRules) -> Date? {
        guard let text = string(node, path) else { return nil }
        guard let date = Timestamp.parse(text, localZone: zone) else {
            error(
                node.location, path,
                "\"\(text)\" is not a date; write 2026-03-01, 2026-03-01T06:00 (site time) or 2026-03-01T06:00:00Z")
            return nil
        }
        guard date >= Plant.earliestTime, date <= Plant.latestTime else {
            error(node.location, path, "\"\(text)\" is not a plausible date (years 1900 to 9999)")
            return nil
        }
        return date
    }

    static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The allowed key closest to a misspelt one, if it is close enough to be a typo.
    static func closest(_ key: String, in candidates: [String]) -> String? {
        let lower = Array(key.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lower, Array(candidate.lowercased()))
            if distance <= max(2, candidate.count / 3), best == nil || distance < best!.1 {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// Optimal string alignment distance: transposed letters ("intreval") count as one edit.
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var twoBack: [Int] = []
        var previous = Array(0...b.count)
        for i in 0..<a.count {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for j in 0..<b.count {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a[i] == b[j] ? 0 : 1))
                if i > 0 && j > 0 && a[i] == b[j - 1] && a[i - 1] == b[j] {
                    current[j + 1] = min(current[j + 1], twoBack[j - 1] + 1)
                }
            }
            twoBack = previous
            previous = current
        }
        return previous[b.count]
    }
}

/// The keys an object may have, in the order error messages list them, and as a set to check each member against
/// (a task may have 27: comparing each member with each was a tenth of the configuration's decoding).
struct AllowedKeys: ExpressibleByArrayLiteral, Sendable {
    let names: [String]
    let lookup: Set<String>

    init(arrayLiteral names: String...) {
        self.names = names
        lookup = Set(names)
    }
}

/// An object's allowed members by key. Only allowed keys are kept, a handful per object: scanning them is quicker
/// than a dictionary per object of a large plant. A task is asked for each of its 27 keys and has a handful,
/// so a bit per member's key (from its length and its first byte) answers most questions for an absent key
/// without comparing it to any member.
struct JSONFields {
    private(set) var members: [JSONMember] = []
    private var present: UInt64 = 0

    mutating func append(_ member: JSONMember) {
        members.append(member)
        present |= Self.bit(member.key)
    }

    subscript(key: String) -> JSONMember? {
        guard present & Self.bit(key) != 0 else { return nil }
        for index in members.indices where members[index].key == key { return members[index] }
        return nil
    }

    private static func bit(_ key: String) -> UInt64 {
        let utf8 = key.utf8
        return 1 << UInt64((utf8.count &* 13 &+ Int(utf8.first ?? 0)) & 63)
    }
}
