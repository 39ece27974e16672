/// The reply of `ComplianceReport`.
public struct ComplianceReportReply: Codable, Sendable {
    public var site: String
    public var from: String
    public var to: String
    /// "tolerance" or "smrp".
    public var policy: String
    /// The policy in words.
    public var policyDescription: String
    public var generatedAt: String
    public var rows: [WireComplianceRow]
    public var total: WireComplianceCounts
    /// The occurrences that were not on time or open (late, missed, deferred, skipped), by due time.
    public var exceptions: [WireReportOccurrence]
    /// How many exceptions were left out of the list (beyond its limit).
    public var exceptionsOmitted: Int

    public init(
        site: String, from: String, to: String, policy: String, policyDescription: String, generatedAt: String,
        rows: [WireComplianceRow], total: WireComplianceCounts, exceptions: [WireReportOccurrence],
        exceptionsOmitted: Int
    ) {
        self.site = site
        self.from = from
        self.to = to
        self.policy = policy
        self.policyDescription = policyDescription
        self.generatedAt = generatedAt
        self.rows = rows
        self.total = total
        self.exceptions = exceptions
        self.exceptionsOmitted = exceptionsOmitted
    }
}
