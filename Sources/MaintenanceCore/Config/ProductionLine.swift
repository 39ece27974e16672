/// A production line that equipment belongs to.
public struct ProductionLine: Sendable {
    public var id: String
    public var name: String
    /// The line's working calendar where it differs from the site's (already merged with it).
    public var calendar: PlantCalendar?

    public init(id: String, name: String, calendar: PlantCalendar? = nil) {
        self.id = id
        self.name = name
        self.calendar = calendar
    }
}
