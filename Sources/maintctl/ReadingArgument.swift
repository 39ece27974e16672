import ArgumentParser
import FoundationEssentials
import MaintenanceCore

/// `--reading ID=VALUE` options, as `done` and `correct` take them: a number, or pass/fail for a check.
enum ReadingArgument {
    /// Number readings and check readings by id, nil when none were given; a malformed or non-finite value is a
    /// usage error.
    static func parse(_ items: [String]) throws -> (numbers: [String: Double], checks: [String: Bool])? {
        guard !items.isEmpty else { return nil }
        var numbers: [String: Double] = [:]
        var checks: [String: Bool] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = ReadingValue(parsing: String(parts[1])) else {
                throw ValidationError(
                    "--reading \"\(item)\" is not ID=VALUE with a number or pass/fail, e.g. --reading as-found=120.4 or --reading guard-check=pass"
                )
            }
            let id = String(parts[0])
            guard numbers[id] == nil && checks[id] == nil else {
                throw ValidationError("--reading \(id) is given twice")
            }
            switch value {
            case .number(let number): numbers[id] = number
            case .check(let passed): checks[id] = passed
            }
        }
        return (numbers, checks)
    }
}
