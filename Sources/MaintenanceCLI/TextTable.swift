/// Columns aligned with spaces, as people read them in a terminal.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []
    /// The widest the table may be (a terminal's columns); nil: as wide as its cells (`--wide`).
    public var maxWidth: Int?
    /// Columns that may be left out, first to go first, when the table cannot otherwise fit `maxWidth` with its
    /// text readable (a title cut to a few letters helps nobody).
    public var droppable: [String]

    /// Text columns are not cut narrower than this while a droppable column remains; no column narrower than
    /// ``minimumColumn`` (or its header).
    static let readableText = 14
    static let minimumColumn = 6
    /// Columns of free text, cut first: ids people type (EQUIPMENT/TASK), states, dates and numbers stay whole as
    /// long as text can give way.
    static let textColumns: Set<String> = [
        "TITLE", "WHAT", "DETAILS", "STEP", "LABEL", "DEFERRAL", "REASON", "MOVED", "NOTE",
        "EXPECTED", "LIMITS", "NOTES", "AS FOUND", "AS LEFT",
    ]

    public init(headers: [String], maxWidth: Int? = nil, droppable: [String] = []) {
        self.headers = headers
        self.maxWidth = maxWidth
        self.droppable = droppable
    }

    /// Adds a row; control characters in its cells are shown escaped, never raw.
    public mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.escaped)) }

    /// The columns shown and their widths. Each column is as wide as its widest cell; while the table is wider than
    /// `maxWidth`, the widest text column gives way one character at a time, then a droppable column is left out,
    /// and only when neither helps, the widest other column is cut. A cut cell ends in "…".
    func layout() -> [(column: Int, width: Int)] {
        var natural = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < natural.count {
                natural[index] = max(natural[index], cell.count)
            }
        }
        var shown = Array(headers.indices)
        guard let maxWidth else { return shown.map { ($0, natural[$0]) } }
        let text = Set(headers.indices.filter { Self.textColumns.contains(headers[$0]) })
        var drop = droppable.compactMap { headers.firstIndex(of: $0) }
        while true {
            var widths = natural
            func total() -> Int { shown.map { widths[$0] }.reduce(0, +) + 2 * max(0, shown.count - 1) }
            func shrink(_ columns: [Int], floor: (Int) -> Int) {
                while total() > maxWidth {
                    guard let widest = columns.filter({ widths[$0] > floor($0) }).max(by: { widths[$0] < widths[$1] })
                    else { return }
                    widths[widest] -= 1
                }
            }
            let floor = { (column: Int) in max(self.headers[column].count, Self.minimumColumn) }
            shrink(shown.filter(text.contains), floor: { max(floor($0), drop.isEmpty ? 0 : Self.readableText) })
            if total() > maxWidth, let next = drop.first {
                drop.removeFirst()
                shown.removeAll { $0 == next }
                continue
            }
            shrink(shown.filter(text.contains), floor: floor)
            shrink(shown, floor: floor)
            return shown.map { ($0, widths[$0]) }
        }
    }

    /// The table as text; `style` can colour a cell (its width is measured without the colour codes).
    public func render(style: (_ row: Int, _ column: Int, _ text: String) -> String = { $2 }) -> String {
        let layout = layout()
        func line(_ cells: [String], row: Int?) -> String {
            layout.enumerated().map { position, item in
                let cell = item.column < cells.count ? cells[item.column] : ""
                let cut = cell.count > item.width ? String(cell.prefix(max(0, item.width - 1))) + "…" : cell
                let padded =
                    position == layout.count - 1 ? cut : cut + String(repeating: " ", count: item.width - cut.count)
                return row.map { style($0, item.column, padded) } ?? padded
            }.joined(separator: "  ")
        }
        return ([line(headers, row: nil)] + rows.enumerated().map { line($1, row: $0) }).joined(separator: "\n")
    }
}
