/// A configuration loaded by maintd.
public struct ConfigRevisionRecord: Sendable, Equatable, Codable {
    /// SHA-256 of the files' contents, in load order.
    public var contentHash: String
    public var files: [String]
    /// What changed ("added TW-05/calibration; removed …").
    public var summary: String
    /// The files in full, the first time this content is loaded (a revision seen before refers to it by its hash);
    /// nil in records of the first release.
    public var sources: [ConfigurationText]?

    public init(contentHash: String, files: [String], summary: String, sources: [ConfigurationText]? = nil) {
        self.contentHash = contentHash
        self.files = files
        self.summary = summary
        self.sources = sources
    }
}
