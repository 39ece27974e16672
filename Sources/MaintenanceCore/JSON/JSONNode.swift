/// A JSON value together with where it starts in its file.
package struct JSONNode: Sendable {
    package var value: JSONValue
    package var location: SourceLocation

    package init(_ value: JSONValue, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// What kind of value this is, in the words of an error message ("a string", "an array").
    package var kindDescription: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}
