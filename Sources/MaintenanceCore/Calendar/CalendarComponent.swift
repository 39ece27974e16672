/// One element of a calendar expression field: a value, a range `start..stop`, a repetition `start/repeat`, or both.
///
/// Values of the seconds field are in microseconds, as in systemd.
package struct CalendarComponent: Sendable, Hashable {
    package var start: Int
    /// End of a range, or -1 when there is none.
    package var stop: Int
    /// Step of a repetition, or 0 when there is none.
    package var repeatInterval: Int
    /// Where in the expression the component was written, for error messages; not part of its identity.
    package var offset: Int = 0

    package init(start: Int, stop: Int = -1, repeatInterval: Int = 0, offset: Int = 0) {
        self.start = start
        self.stop = stop
        self.repeatInterval = repeatInterval
        self.offset = offset
    }

    package static func == (a: Self, b: Self) -> Bool {
        a.start == b.start && a.stop == b.stop && a.repeatInterval == b.repeatInterval
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(stop)
        hasher.combine(repeatInterval)
    }

    /// systemd's sort order: by start, then stop, then repetition.
    package static func precedes(_ a: Self, _ b: Self) -> Bool {
        (a.start, a.stop, a.repeatInterval) < (b.start, b.stop, b.repeatInterval)
    }
}
