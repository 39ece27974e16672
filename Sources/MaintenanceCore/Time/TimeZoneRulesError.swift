/// Why bytes could not be read as time zone rules.
public enum TimeZoneRulesError: Error, Equatable, CustomStringConvertible {
    case notTZif(String)
    case truncated(String)
    case badFooter(String)

    public var description: String {
        switch self {
        case .notTZif(let name): "\(name) is not a compiled time zone (TZif) file"
        case .truncated(let name): "the time zone file \(name) is truncated"
        case .badFooter(let name): "the time zone file \(name) ends with a rule that cannot be read"
        }
    }
}
