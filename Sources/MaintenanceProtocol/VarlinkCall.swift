/// A Varlink method call: `{"method": "...", "parameters": {...}, "more": true, "oneway": true}`.
public struct VarlinkCall: Sendable {
    public var method: String
    public var parameters: [String: JSONLiteral]
    public var more: Bool
    public var oneway: Bool
    /// The client asks to switch the connection to another protocol after the reply (maintd has none).
    public var upgrade = false

    public init(method: String, parameters: [String: JSONLiteral] = [:], more: Bool = false, oneway: Bool = false) {
        self.method = method
        self.parameters = parameters
        self.more = more
        self.oneway = oneway
    }

    /// The interface part of the method name ("io.maintd.Maintenance").
    public var interface: String {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return String(method[..<dot])
    }

    /// The method's own name ("GetStatus").
    public var name: String {
        guard let dot = method.lastIndex(of: ".") else { return method }
        return String(method[method.index(after: dot)...])
    }

    /// Reads a call from one message (without its NUL terminator).
    public init(message bytes: [UInt8]) throws(VarlinkError) {
        let value: JSONLiteral
        do {
            value = try JSONLiteral(parsing: bytes)
        } catch {
            throw .invalidParameter("message", "not valid JSON at \(error.location): \(error.message)")
        }
        guard case .object(let members) = value else {
            throw .invalidParameter("message", "a call must be a JSON object with a \"method\"")
        }
        guard let method = members["method"]?.stringValue, !method.isEmpty else {
            throw .invalidParameter("method", "missing or not a string")
        }
        var parameters: [String: JSONLiteral] = [:]
        switch members["parameters"] {
        case nil, .null?: break
        case .object(let values)?: parameters = values
        default: throw .invalidParameter("parameters", "must be an object")
        }
        // The flags are booleans or absent: "more": "yes" is an error, not a silent false.
        func flag(_ name: String) throws(VarlinkError) -> Bool {
            switch members[name] {
            case nil, .null?: return false
            case .bool(let value)?: return value
            default: throw .invalidParameterStandard(name)
            }
        }
        if let unknown = members.keys.sorted().first(where: {
            !["method", "parameters", "more", "oneway", "upgrade"].contains($0)
        }) {
            throw .invalidParameterStandard(unknown)
        }
        self.init(method: method, parameters: parameters, more: try flag("more"), oneway: try flag("oneway"))
        upgrade = try flag("upgrade")
    }

    /// The call as a message (without its NUL terminator).
    public var message: String {
        var members: [String: JSONLiteral] = ["method": .string(method), "parameters": .object(parameters)]
        if more { members["more"] = .bool(true) }
        if oneway { members["oneway"] = .bool(true) }
        return JSONLiteral.object(members).serialized
    }
}
