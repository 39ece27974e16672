/// What an `every` interval counts from.
public enum ScheduleAnchor: String, Sendable, Codable {
    /// Floating: next due = last completion + interval (the default).
    case completion
    /// Fixed grid: next due = previous due + interval, so doing it early or late does not move the grid.
    case schedule
}
