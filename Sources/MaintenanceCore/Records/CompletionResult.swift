/// Whether work passed: a failed completion does not satisfy its occurrence.
public enum CompletionResult: String, Sendable, Hashable, Codable, CaseIterable {
    case pass
    case fail
}
