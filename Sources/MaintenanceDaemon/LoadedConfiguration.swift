import Foundation
import MaintenanceCore
import MaintenanceFiles
import MaintenanceStore

/// A configuration with the hash of the files it came from.
struct LoadedConfiguration: Sendable {
    var configuration: Configuration
    /// SHA-256 over every file's path and contents, in load order.
    var contentHash: String

    /// Reads and validates the configuration; throws every problem found.
    static func load(_ path: String, zones: ZoneInfoDirectory) throws(ConfigurationError) -> LoadedConfiguration {
        let source = RecordingSource()
        let configuration = try ConfigurationLoader.load(mainFile: path, source: source, zones: zones)
        var material: [UInt8] = []
        for (file, bytes) in source.files {
            material += Array(file.utf8) + [0] + bytes + [0]
        }
        return LoadedConfiguration(configuration: configuration, contentHash: SHA256.hex(material))
    }
}

/// Reads files from disk and remembers what it read, to hash exactly what was loaded.
private final class RecordingSource: ConfigurationSource, @unchecked Sendable {
    private let files_ = NSLock()
    private var read_: [(String, [UInt8])] = []
    private let disk = FileConfigurationSource()

    var files: [(String, [UInt8])] { files_.withLock { read_ } }

    func read(_ path: String) throws -> [UInt8] {
        let bytes = try disk.read(path)
        files_.withLock { read_.append((path, bytes)) }
        return bytes
    }

    func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        disk.expand(pattern, relativeTo: directory)
    }
}
