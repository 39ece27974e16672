/// One problem found in a configuration: where it is and what would be accepted.
public struct ConfigurationDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var location: SourceLocation
    /// JSON path such as `equipment[3].tasks[1].every`, or empty for the whole file.
    public var path: String
    public var message: String

    public init(file: String, location: SourceLocation, path: String, message: String) {
        self.file = file
        self.location = location
        self.path = path
        self.message = message
    }

    /// `FILE:LINE:COLUMN: PATH: message`.
    public var description: String {
        path.isEmpty ? "\(file):\(location): \(message)" : "\(file):\(location): \(path): \(message)"
    }
}
