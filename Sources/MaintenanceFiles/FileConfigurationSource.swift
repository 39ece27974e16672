import FoundationEssentials
public import MaintenanceCore

#if canImport(Glibc)
import Glibc
#endif

/// Configuration files on disk; include patterns are expanded with glob(3).
public struct FileConfigurationSource: ConfigurationSource {
    /// Files larger than this are refused rather than read into memory.
    public static let maxFileSize = 16 << 20

    public init() {}

    public func read(_ path: String) throws -> [UInt8] {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw FileReadError(
                reason: FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")
        }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw FileReadError(reason: "it is a directory")
        }
        if let size = attributes[.size] as? Int, size > Self.maxFileSize {
            throw FileReadError(reason: "it is larger than \(Self.maxFileSize >> 20) MiB")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileReadError(reason: "permission denied")
        }
        return [UInt8](data)
    }

    public func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        let full = pattern.hasPrefix("/") ? pattern : directory + "/" + pattern
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(full, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}

/// Why a configuration file could not be read.
struct FileReadError: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
