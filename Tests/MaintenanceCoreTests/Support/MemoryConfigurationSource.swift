import MaintenanceCore

/// Configuration files held in memory, for tests.
struct MemoryConfigurationSource: ConfigurationSource {
    var files: [String: String]

    struct Missing: Error, CustomStringConvertible {
        var description: String { "no such file" }
    }

    func read(_ path: String) throws -> [UInt8] {
        guard let text = files[path] else { throw Missing() }
        return Array(text.utf8)
    }

    func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : directory + "/" + pattern
        // Enough glob for tests: a single "*" in the file name.
        let parts = full.split(separator: "*", maxSplits: 1).map(String.init)
        return files.keys.filter { name in
            parts.count == 2 ? name.hasPrefix(parts[0]) && name.hasSuffix(parts[1]) : name == full
        }.sorted()
    }
}
