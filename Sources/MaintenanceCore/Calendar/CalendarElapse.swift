/// The outcome of looking for a calendar expression's next elapse.
package enum CalendarElapse: Equatable, Sendable {
    /// It elapses at this many microseconds since the epoch.
    case at(Int64)
    /// It will not elapse again (its last year has passed, or the date never exists).
    case never
    /// systemd gives up on it: every time it names is skipped by clock changes, so no elapse can be computed.
    case failed
}
