/// A parsed JSON value. Objects keep their members in file order, duplicates included, so that duplicate keys can be
/// reported instead of silently dropped.
package enum JSONValue: Sendable {
    case object([JSONMember])
    case array([JSONNode])
    case string(String)
    /// The number and its text as written, so that "1e400" or "0.1" can be judged precisely.
    case number(Double, text: String)
    case bool(Bool)
    case null
}
