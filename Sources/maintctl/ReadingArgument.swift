import ArgumentParser
import Foundation

/// `--reading ID=VALUE` options, as `done` and `correct` take them.
enum ReadingArgument {
    /// The readings by id, nil when none were given; a malformed or non-finite value is a usage error.
    static func parse(_ items: [String]) throws -> [String: Double]? {
        guard !items.isEmpty else { return nil }
        var result: [String: Double] = [:]
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespaces)), value.isFinite
            else {
                throw ValidationError("--reading \"\(item)\" is not ID=VALUE, e.g. --reading as-found=120.4")
            }
            result[String(parts[0])] = value
        }
        return result
    }
}
