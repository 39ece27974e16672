import FoundationEssentials

/// Converts between typed parameters and Varlink's JSON, turning decoding failures into errors that name the
/// parameter and say what was expected.
public enum VarlinkCoding {
    /// Decodes parameters into `T`; unknown, missing or mistyped parameters become `InvalidParameter`.
    public static func decode<T: Decodable>(
        _ type: T.Type, from parameters: [String: JSONLiteral], method: String
    )
        throws(VarlinkError) -> T
    {
        if let known = MaintenanceInterface.declaration(of: method)?.parameterNames {
            if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
                let expected =
                    known.isEmpty
                    ? "this method takes no parameters" : "expected: \(known.sorted().joined(separator: ", "))"
                throw .invalidParameter(unknown, "unknown parameter; \(expected)")
            }
        }
        do {
            return try JSONLiteralDecoder.decode(T.self, from: .object(parameters))
        } catch let error as DecodingError {
            throw describe(error)
        } catch {
            throw .invalidParameter("parameters", "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> VarlinkError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidParameter(path(context.codingPath + [key]), "missing")
        case .typeMismatch(let type, let context):
            return .invalidParameter(path(context.codingPath), "expected \(describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidParameter(path(context.codingPath), "expected \(describe(type)), found null")
        case .dataCorrupted(let context):
            return .invalidParameter(path(context.codingPath), context.debugDescription)
        @unknown default:
            return .invalidParameter("parameters", "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default: "a value of type \(type)"
        }
    }

    /// Encodes a reply's parameters as a JSON object.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
