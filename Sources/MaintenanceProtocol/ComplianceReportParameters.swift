/// The parameters of `ComplianceReport`.
public struct ComplianceReportParameters: Codable, Sendable {
    public var from: String
    public var to: String
    public var line: String?
    public var kind: String?
    /// "tolerance" (the default) or "smrp".
    public var grace: String?

    public init(from: String, to: String, line: String? = nil, kind: String? = nil, grace: String? = nil) {
        self.from = from
        self.to = to
        self.line = line
        self.kind = kind
        self.grace = grace
    }
}
