/// Where configuration files come from; the core reads nothing itself.
public protocol ConfigurationSource: Sendable {
    /// The bytes of a file, or a thrown error whose description says why it cannot be read.
    func read(_ path: String) throws -> [UInt8]
    /// Files matching a glob pattern (relative patterns are relative to `directory`), sorted by name.
    func expand(_ pattern: String, relativeTo directory: String) -> [String]
}
