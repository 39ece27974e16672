/// The parameters of `History`.
public struct HistoryParameters: Codable, Sendable {
    public var equipment: String?
    public var task: String?
    /// Record kinds and task kinds, comma-separated ("completion,correction", "calibration").
    public var kind: String?
    public var line: String?
    public var since: String?
    public var until: String?
    /// Only records made by this user (login name).
    public var by: String?
    public var limit: Int?
    public init(
        equipment: String? = nil, task: String? = nil, kind: String? = nil, line: String? = nil, since: String? = nil,
        until: String? = nil, by: String? = nil, limit: Int? = nil
    ) {
        self.equipment = equipment
        self.task = task
        self.kind = kind
        self.line = line
        self.since = since
        self.until = until
        self.by = by
        self.limit = limit
    }
}
