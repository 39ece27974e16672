/// A file and a JSON path, where something was defined.
public struct ConfigurationSourceReference: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    public var path: String

    public var description: String { "\(file):\(location): \(path)" }
}
