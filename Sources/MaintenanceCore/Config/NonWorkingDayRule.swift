/// What happens to a due date that falls on a day the plant does not work.
public enum NonWorkingDayRule: String, Sendable, CaseIterable, Codable {
    /// Moves to the next working day (the default).
    case next
    /// Moves to the working day before.
    case previous
    /// Stays (a check that must be done on the day, worked or not).
    case keep
}
