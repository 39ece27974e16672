/// Columns aligned with spaces, as people read them in a terminal.
public struct TextTable {
    public var headers: [String]
    public var rows: [[String]] = []

    public init(headers: [String]) {
        self.headers = headers
    }

    /// Adds a row; control characters in its cells are shown escaped, never raw.
    public mutating func add(_ row: [String]) { rows.append(row.map(TerminalText.escaped)) }

    /// The table as text; `style` can colour a cell (its width is measured without the colour codes).
    public func render(style: (_ row: Int, _ column: Int, _ text: String) -> String = { $2 }) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String], row: Int?) -> String {
            cells.enumerated().map { index, cell in
                let padded =
                    index == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                return row.map { style($0, index, padded) } ?? padded
            }.joined(separator: "  ")
        }
        return ([line(headers, row: nil)] + rows.enumerated().map { line($1, row: $0) }).joined(separator: "\n")
    }
}
