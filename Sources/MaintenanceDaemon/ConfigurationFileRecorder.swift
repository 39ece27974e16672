import Foundation
import MaintenanceCore
import MaintenanceFiles

/// Reads files from disk and remembers what it read, to hash exactly what was loaded.
final class ConfigurationFileRecorder: ConfigurationSource, @unchecked Sendable {
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
