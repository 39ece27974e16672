extension TimeZoneRules {
    /// The instant of a local date and time (fields may roll over). In a DST overlap the occurrence with
    /// `preferringOffset` wins, else the earlier one; a time skipped by a DST gap moves forward by the gap,
    /// as a wall clock would.
    package func instant(forLocal local: BrokenDownTime, preferringOffset preferred: Int) -> Int64 {
        let asUTC = local.secondsAsIfUTC
        let offsets = [utcOffset(at: asUTC - 86_400), utcOffset(at: asUTC), utcOffset(at: asUTC + 86_400), preferred]
        var candidates: [Int64] = []
        for offset in Set(offsets) {
            let t = asUTC - Int64(offset)
            if utcOffset(at: t) == offset { candidates.append(t) }
        }
        if let exact = candidates.first(where: { utcOffset(at: $0) == preferred }) { return exact }
        if let earliest = candidates.min() { return earliest }
        // In a gap: use the offset in force before it, which lands after the gap.
        return asUTC - Int64(utcOffset(at: asUTC - 86_400))
    }
}
