/// The reply of `Reload`.
public struct ReloadReply: Codable, Sendable {
    public var summary: String
    public var contentHash: String
    public init(summary: String, contentHash: String) {
        self.summary = summary
        self.contentHash = contentHash
    }
}
