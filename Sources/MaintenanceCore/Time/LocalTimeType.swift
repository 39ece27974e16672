/// One kind of local time a zone uses: its offset from UTC, whether it is daylight saving time, its abbreviation.
package struct LocalTimeType: Sendable, Equatable {
    /// Seconds east of UTC.
    package var offset: Int
    package var isDST: Bool
    package var abbreviation: String

    package init(offset: Int, isDST: Bool, abbreviation: String) {
        self.offset = offset
        self.isDST = isDST
        self.abbreviation = abbreviation
    }
}
