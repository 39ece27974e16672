/// Which Unix groups make a user a technician or a lead (root is always a lead).
public struct RoleGroups: Sendable, Hashable {
    public var technician: [String]
    public var lead: [String]

    /// By default members of `maintd` are technicians and members of `maintd-leads` are leads.
    public static let `default` = RoleGroups(technician: ["maintd"], lead: ["maintd-leads"])
}
