/// A method with its parameter and reply types, so that callers and the dispatcher cannot mix them up.
public struct VarlinkMethod<Parameters: Codable & Sendable, Reply: Codable & Sendable>: Sendable {
    public let declaration: MethodDeclaration

    public init(_ declaration: MethodDeclaration) {
        self.declaration = declaration
    }
}
