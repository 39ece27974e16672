/// What a client may do.
enum ClientRole: String, Sendable, Comparable {
    /// Connected, but in no group the configuration lists: only the Varlink service methods.
    case none
    /// Reads, completes, corrects their own records, records meters.
    case technician
    /// Everything: also defers, skips, corrects others' records and reloads.
    case lead

    private var rank: Int {
        switch self {
        case .none: 0
        case .technician: 1
        case .lead: 2
        }
    }

    static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}
