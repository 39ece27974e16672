import Foundation
import MaintenanceCore
import MaintenanceFiles
import MaintenanceStore

/// A configuration with the hash of the files it came from.
struct LoadedConfiguration: Sendable {
    var configuration: Configuration
    /// SHA-256 over every file's path and contents, in load order.
    var contentHash: String
    /// The files as read, for the history.
    var sources: [ConfigurationText]

    /// Reads and validates the configuration; throws every problem found.
    static func load(
        _ path: String, zones: ZoneInfoDirectory, now: Date
    ) throws(ConfigurationError) -> LoadedConfiguration {
        let source = ConfigurationFileRecorder()
        let configuration = try ConfigurationLoader.load(mainFile: path, source: source, zones: zones, now: now)
        // In load order (the included files are read on several cores at once).
        let order = Dictionary(configuration.files.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        let files = source.files.enumerated().sorted {
            (order[$0.element.0] ?? order.count + $0.offset) < (order[$1.element.0] ?? order.count + $1.offset)
        }.map(\.element)
        // Each file's path and contents, each followed by a NUL.
        let material = files.flatMap { [Array($0.0.utf8), $0.1] } + [[]]
        return LoadedConfiguration(
            configuration: configuration, contentHash: Digest.sha256(ofPartsJoinedByNUL: material),
            sources: files.map { ConfigurationText(path: $0.0, text: String(decoding: $0.1, as: UTF8.self)) })
    }
}
