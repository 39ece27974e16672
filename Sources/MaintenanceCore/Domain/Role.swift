/// What a person may do; roles come from Unix groups (`"roles"` in the configuration), root is always a lead.
public enum Role: String, Sendable, Comparable, Codable, CaseIterable {
    /// Connected, but in no group the configuration lists: only the Varlink service methods.
    case none
    /// Reads, completes, corrects their own records, records meters.
    case technician
    /// Everything: also defers, skips, cancels deferrals, corrects anyone's records and meter readings, reloads.
    case lead

    private var rank: Int {
        switch self {
        case .none: 0
        case .technician: 1
        case .lead: 2
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }

    /// The groups that give this role (or a higher one) in a configuration, for refusals that say how to get it.
    public func groups(in roles: RoleGroups) -> [String] {
        switch self {
        case .none: []
        case .technician: roles.technician + roles.lead.filter { !roles.technician.contains($0) }
        case .lead: roles.lead
        }
    }
}
