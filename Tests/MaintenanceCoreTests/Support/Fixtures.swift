import Foundation
import MaintenanceCore
import Testing

/// Loads a configuration from in-memory files (the main file is `/etc/maintd/maintd.json`).
func loadConfiguration(
    _ main: String, includes: [String: String] = [:], now: Date? = nil
) throws(ConfigurationError) -> Configuration {
    var files = ["/etc/maintd/maintd.json": main]
    for (name, text) in includes { files["/etc/maintd/" + name] = text }
    return try ConfigurationLoader.load(
        mainFile: "/etc/maintd/maintd.json", source: MemoryConfigurationSource(files: files), zones: FixedZones(),
        now: now)
}

/// A main file with one line and the given equipment JSON.
func plant(_ equipment: String, extra: String = "") -> String {
    """
    {
      "site": {"name": "Test plant", "timezone": "Europe/Berlin"},
      \(extra)
      "lines": [{"id": "line-a", "name": "Line A"}],
      "equipment": [\(equipment)]
    }
    """
}

/// A piece of equipment "E1" on line-a with the given tasks and meters.
func machine(_ tasks: String, meters: String = "", extra: String = "") -> String {
    """
    {"id": "E1", "name": "Press", "line": "line-a", \(extra) "meters": [\(meters)], "tasks": [\(tasks)]}
    """
}

/// The instant of an RFC 3339 text.
func at(_ text: String) -> Date {
    Timestamp.parseRFC3339(text)!
}
