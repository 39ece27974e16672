/// A report as people and programs read it: a title, what it covers, and tables. Rendered as text for the terminal,
/// CSV for spreadsheets (its first table) and a printable HTML page.
public struct ReportDocument: Sendable {
    /// A table with a heading, and an optional remark under it.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var headers: [String]
        public var rows: [[String]]
        /// Per row, a word the HTML marks the row with ("late", "missed", "fail"), or "".
        public var marks: [String]
        public var remark: String?
        /// Columns a narrow terminal may leave out, first to go first (the CSV and HTML keep every column).
        public var droppable: [String] = []

        public init(
            heading: String, headers: [String], rows: [[String]], marks: [String] = [], remark: String? = nil,
            droppable: [String] = []
        ) {
            self.droppable = droppable
            self.heading = heading
            self.headers = headers
            self.rows = rows
            self.marks = marks
            self.remark = remark
        }
    }

    public var title: String
    public var site: String
    /// "2026-07-01 – 2026-10-01", or nil for a report of now.
    public var period: String?
    public var generatedAt: String
    /// Further facts: ("Policy", "configured tolerance windows").
    public var facts: [(String, String)]
    public var sections: [Section]

    public init(
        title: String, site: String, period: String?, generatedAt: String, facts: [(String, String)] = [],
        sections: [Section]
    ) {
        self.title = title
        self.site = site
        self.period = period
        self.generatedAt = generatedAt
        self.facts = facts
        self.sections = sections
    }

    /// For the terminal: every stored text escaped (a note cannot move the cursor); tables cut to `width`.
    public func text(width: Int? = nil) -> String {
        var lines = [TerminalText.escaped(title), "Site: " + TerminalText.escaped(site)]
        if let period { lines.append("Period: " + period) }
        for (name, value) in facts { lines.append("\(name): " + TerminalText.escaped(value)) }
        lines.append("Generated: " + generatedAt)
        for section in sections {
            lines.append("")
            lines.append(TerminalText.escaped(section.heading))
            if section.rows.isEmpty {
                lines.append("  (none)")
            } else {
                var table = TextTable(headers: section.headers, maxWidth: width, droppable: section.droppable)
                for row in section.rows { table.add(row) }
                lines.append(table.render())
            }
            if let remark = section.remark { lines.append(TerminalText.escaped(remark)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The first table as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes
    /// doubled).
    public func csv() -> String {
        guard let section = sections.first else { return "" }
        return ([section.headers] + section.rows).map { $0.map(CSVTable.field).joined(separator: ",") + "\r\n" }
            .joined()
    }
}
