/// Why a text is not a duration.
public struct DurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String

    public var description: String { "\"\(text)\" is not a duration: \(reason)" }
}
