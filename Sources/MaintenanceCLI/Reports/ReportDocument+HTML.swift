extension ReportDocument {
    /// One self-contained page (no scripts, no external resources) that prints well: A4, repeated table headers, the
    /// site, the title and "page N of M" on every printed page.
    public func html() -> String {
        let footer = Self.cssString("\(site) — \(title)")
        var body = """
            <header>
            <h1>\(HTMLText.escaped(title))</h1>
            <dl>
            <dt>Site</dt><dd>\(HTMLText.escaped(site))</dd>

            """
        if let period { body += "<dt>Period</dt><dd>\(HTMLText.escaped(period))</dd>\n" }
        for (name, value) in facts { body += "<dt>\(HTMLText.escaped(name))</dt><dd>\(HTMLText.escaped(value))</dd>\n" }
        body += "<dt>Generated</dt><dd>\(HTMLText.escaped(generatedAt))</dd>\n</dl>\n</header>\n"
        for section in sections {
            body += "<section>\n<h2>\(HTMLText.escaped(section.heading))</h2>\n"
            if section.rows.isEmpty {
                body += "<p class=\"none\">None.</p>\n"
            } else {
                body += "<table>\n<thead><tr>"
                body += section.headers.map { "<th>\(HTMLText.escaped($0))</th>" }.joined()
                body += "</tr></thead>\n<tbody>\n"
                for (index, row) in section.rows.enumerated() {
                    let mark = index < section.marks.count ? section.marks[index] : ""
                    body += mark.isEmpty ? "<tr>" : "<tr class=\"\(HTMLText.escaped(mark))\">"
                    body += row.map { "<td>\(HTMLText.escaped($0))</td>" }.joined()
                    body += "</tr>\n"
                }
                body += "</tbody>\n</table>\n"
            }
            if let remark = section.remark { body += "<p class=\"remark\">\(HTMLText.escaped(remark))</p>\n" }
            body += "</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(HTMLText.escaped(title)) — \(HTMLText.escaped(site))</title>
            <style>
            body { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; margin: 2em; }
            h1 { font-size: 16pt; margin: 0 0 .4em; }
            h2 { font-size: 12pt; margin: 1.4em 0 .4em; break-after: avoid; }
            dl { display: grid; grid-template-columns: max-content auto; gap: .15em 1em; margin: 0; }
            dt { font-weight: bold; }
            dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
            tr.subtotal td { font-weight: bold; }
            th, td { border: 1px solid #999; padding: .2em .4em; text-align: left; vertical-align: top; }
            th { background: #eee; }
            thead { display: table-header-group; }
            tr { break-inside: avoid; }
            tr.late td, tr.deferred td { background: #fff4d6; }
            tr.missed td, tr.fail td, tr.broken td { background: #fde2e2; }
            .remark, .none { font-style: italic; }
            @page {
              size: A4 landscape;
              margin: 16mm 12mm 18mm;
              @bottom-left { content: "\(footer)"; font-size: 8pt; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; }
            }
            @media print {
              body { margin: 0; }
              th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              tr.late td, tr.deferred td, tr.missed td, tr.fail td, tr.broken td {
                -webkit-print-color-adjust: exact; print-color-adjust: exact;
              }
            }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// Text inside a CSS string literal in a style element: quotes and backslashes escaped, anything that could end
    /// the style element or the string dropped.
    static func cssString(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "\"": out += "\\" + String(scalar)
            case "<", ">": out += "\\" + String(scalar.value, radix: 16) + " "
            case _ where TerminalText.isUnsafe(scalar): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
