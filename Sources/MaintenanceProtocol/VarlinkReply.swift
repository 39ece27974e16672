/// A Varlink reply: parameters, or an error; `continues` while more replies follow.
public struct VarlinkReply: Sendable {
    /// The parameters, already serialized as a JSON object.
    public var parametersJSON: String
    public var continues: Bool
    public var error: String?

    public init(parametersJSON: String, continues: Bool = false, error: String? = nil) {
        self.parametersJSON = parametersJSON
        self.continues = continues
        self.error = error
    }

    public init(error: VarlinkError) {
        self.init(parametersJSON: JSONLiteral.object(error.parameters).serialized, error: error.name)
    }

    /// The reply as a message (without its NUL terminator).
    public var message: String {
        var out = "{"
        if continues { out += "\"continues\":true," }
        if let error {
            out += "\"error\":"
            JSONLiteral.quote(error, into: &out)
            out += ","
        }
        return out + "\"parameters\":" + parametersJSON + "}"
    }
}
