/// Which of a task's triggers decided its current occurrence.
public enum TriggerKind: String, Sendable, Codable {
    /// `every` from the last completion (floating).
    case interval
    /// `every` on a fixed grid (`"anchor": "schedule"`).
    case grid
    /// A calendar expression.
    case calendar
    /// A meter.
    case meter
    /// Once, at an instant: follow-up work.
    case once
}
