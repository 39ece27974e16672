/// A configuration loaded by maintd.
public struct ConfigRevisionRecord: Sendable, Equatable, Codable {
    /// SHA-256 of the files' contents, in load order.
    public var contentHash: String
    public var files: [String]
    /// What changed ("added TW-05/calibration; removed …").
    public var summary: String

    public init(contentHash: String, files: [String], summary: String) {
        self.contentHash = contentHash
        self.files = files
        self.summary = summary
    }
}
