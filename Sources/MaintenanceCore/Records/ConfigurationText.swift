/// One configuration file as it was loaded, kept in the history so that "which interval applied on this date" is
/// answerable from the history alone.
public struct ConfigurationText: Sendable, Equatable, Codable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
