public import FoundationEssentials

/// What "on time" means in a compliance report: by when an occurrence must have been done.
public enum CompliancePolicy: String, Sendable, CaseIterable, Codable {
    /// The task's configured tolerance window: done by its overdue instant.
    case tolerance
    /// The SMRP best-practice grace: done within 20 % of the interval after it was due, at most 28 days.
    case smrp

    /// The longest SMRP grace.
    public static let smrpMaximumGrace: TimeInterval = 28 * 86_400

    /// How the report names the policy.
    public var summary: String {
        switch self {
        case .tolerance: "configured tolerance windows"
        case .smrp: "SMRP grace: 20 % of the interval, at most 28 days"
        }
    }

    /// By when an occurrence due at `due` must be done: the configured overdue instant, or the SMRP grace after
    /// `due` (rounded to whole minutes) when the interval is known.
    func deadline(due: Date, configured: Date?, period: TimeInterval?) -> Date? {
        switch self {
        case .tolerance:
            return configured
        case .smrp:
            guard let period else { return configured }
            return due + min(TaskEvaluator.share(20, of: period), Self.smrpMaximumGrace)
        }
    }
}
