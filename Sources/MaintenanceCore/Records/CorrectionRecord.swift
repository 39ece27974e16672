/// A correction of an earlier completion: a replacement, or a withdrawal when `replacement` is nil.
public struct CorrectionRecord: Sendable, Equatable, Codable {
    public var reason: String
    public var replacement: CompletionRecord?

    public init(reason: String, replacement: CompletionRecord?) {
        self.reason = reason
        self.replacement = replacement
    }
}
