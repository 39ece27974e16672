/// Why a text is not valid JSON, and where.
package struct JSONSyntaxError: Error, Sendable, Equatable {
    package var location: SourceLocation
    package var message: String

    package init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }
}
