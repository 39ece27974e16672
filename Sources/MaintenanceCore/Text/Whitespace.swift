/// Whitespace as Foundation's `CharacterSet.whitespaces` and `.whitespacesAndNewlines` define it, for code that
/// links only FoundationEssentials (maintctl starts faster without ICU).
extension Unicode.Scalar {
    /// A space separator (Unicode Zs), a tab, or a zero-width space (Foundation counts it).
    public var isSpace: Bool {
        // ASCII (almost every character in a configuration) without a Unicode property lookup.
        if value < 0x80 { return value == 0x20 || value == 0x09 }
        return value == 0x200B || properties.generalCategory == .spaceSeparator
    }

    /// A space, or a line or paragraph break (U+000A–U+000D, U+0085, Zl, Zp).
    public var isSpaceOrNewline: Bool {
        if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) }
        if isSpace || (0x0A...0x0D).contains(value) || value == 0x85 { return true }
        let category = properties.generalCategory
        return category == .lineSeparator || category == .paragraphSeparator
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    public func trimmingSpaces() -> String { trimming(\.isSpace) }

    /// The text without leading and trailing spaces, tabs and line breaks.
    public func trimmingSpacesAndNewlines() -> String { trimming(\.isSpaceOrNewline) }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }
}
