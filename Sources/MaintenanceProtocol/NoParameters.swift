/// No parameters.
public struct NoParameters: Codable, Sendable, Equatable {
    public init() {}
}
