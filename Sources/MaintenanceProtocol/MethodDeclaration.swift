public import MaintenanceCore

/// One method of `io.maintd.Maintenance`, declared once: its name, what it does, its parameters and reply as the
/// interface definition writes them, the errors it may answer and the role it needs. The interface text, the
/// daemon's dispatcher and maintctl's calls all follow from it.
public struct MethodDeclaration: Sendable {
    public let name: String
    public let documentation: String
    /// The parameters in Varlink's interface syntax: `line: ?string, equipment: ?string`.
    public let parameters: String
    /// The reply in Varlink's interface syntax.
    public let reply: String
    /// The short names of the errors it answers besides the common ones.
    public let errors: [String]
    public let role: Role
    /// Replies more than once (called with `"more": true`).
    public let streams: Bool
    /// Appends to the history (a command), as opposed to reading.
    public let records: Bool

    public init(
        _ name: String, _ documentation: String, parameters: String = "", reply: String, errors: [String] = [],
        role: Role = .technician, streams: Bool = false, records: Bool = false
    ) {
        self.records = records
        self.name = name
        self.documentation = documentation
        self.parameters = parameters
        self.reply = reply
        self.errors = errors
        self.role = role
        self.streams = streams
        parameterNames = Set(
            parameters.split(separator: ",").compactMap { field in
                field.split(separator: ":").first.map { $0.trimmingSpaces() }
            })
    }

    /// The parameter names it accepts (unknown ones are refused by name).
    public let parameterNames: Set<String>

    /// The method as the interface definition writes it, with its comment.
    public var definition: String {
        "# \(documentation)\nmethod \(name)(\(parameters)) -> (\(reply))"
    }

    /// The fully qualified method name.
    public var qualifiedName: String { MaintenanceInterface.name + "." + name }
}
