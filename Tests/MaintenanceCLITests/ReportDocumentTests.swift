import MaintenanceCLI
import Testing

/// Reports carry text people typed (names, notes, reasons): CSV must stay one field per cell, HTML must stay text.
struct ReportDocumentTests {
    static let hostile = "Line \"7\", <b>north</b>\nnote\u{1B}[2J & more"

    func document(_ cells: [String], site: String = "Plant") -> ReportDocument {
        ReportDocument(
            title: "Test", site: site, period: nil, generatedAt: "2026-11-25 06:00",
            sections: [.init(heading: "Rows", headers: ["A", "B"], rows: [cells])])
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""),
        ("+cmd", "'+cmd"),
        ("-", "-"),
        ("-3.5", "-3.5"),
    ])
    func csvFieldsFollowRFC4180AndNeverRunAsFormulas(cell: String, expected: String) {
        #expect(document([cell, "x"]).csv() == "A,B\r\n\(expected),x\r\n")
    }

    @Test func htmlShowsStoredTextAsText() {
        let html = document([Self.hostile, "<script>alert(1)</script>"], site: "Acme \"</style><script>").html()
        #expect(!html.contains("<script>") && !html.contains("<b>north</b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Line &quot;7&quot;, &lt;b&gt;north&lt;/b&gt;"))
        #expect(!html.contains("\u{1B}"))
        // The site name also goes into the print footer (a CSS string): it cannot close the style element.
        #expect(html.components(separatedBy: "</style>").count == 2)
        #expect(html.contains("@bottom-right { content: \"Page \" counter(page) \" of \" counter(pages)"))
    }

    @Test func textEscapesControlCharacters() {
        let text = document([Self.hostile, "b"]).text()
        #expect(!text.contains("\u{1B}") && text.contains("\\u{1b}[2J"))
    }
}
