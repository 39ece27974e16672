/// A CSV file as spreadsheets write it (RFC 4180): quoted fields with doubled quotes and line breaks, CRLF or LF, a
/// UTF-8 byte-order mark (Excel's "CSV UTF-8"), and "," or ";" between fields (";" where the header has no comma,
/// as Excel writes it with a decimal comma).
public struct CSVTable: Sendable {
    /// Each record with the line it starts on (1-based), blank lines left out.
    public var records: [(line: Int, fields: [String])]

    public struct SyntaxError: Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public init(parsing text: String) throws(SyntaxError) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let headerEnd = scalars.firstIndex { $0 == "\n" || $0 == "\r" } ?? scalars.endIndex
        let header = scalars[..<headerEnd]
        let separator: Unicode.Scalar = !header.contains(",") && header.contains(";") ? ";" : ","
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var index = 0
        var quoted = false
        var wasQuoted = false
        func endField() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            wasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
            fields = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if quoted {
                if scalar == "\"" {
                    if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
            } else if scalar == "\"" {
                guard field.isEmpty && !wasQuoted else {
                    throw SyntaxError(line: line, message: "a quote inside an unquoted field (quote the whole field)")
                }
                quoted = true
                wasQuoted = true
            } else if scalar == separator {
                endField()
            } else if scalar == "\r" || scalar == "\n" {
                if scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                if wasQuoted {
                    throw SyntaxError(
                        line: line, message: "text after a closing quote (a quote inside a field is written \"\")")
                }
                field.append(scalar)
            }
            index += 1
        }
        if quoted { throw SyntaxError(line: recordLine, message: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        self.records = records
    }

    /// A field as CSV writes it: quoted when it holds a comma, a quote or a line break. A field a spreadsheet would
    /// run as a formula gets a leading apostrophe (CSV injection), which the import takes off again.
    public static func field(_ text: String) -> String {
        var field = text
        if let first = field.unicodeScalars.first, "=+-@".unicodeScalars.contains(first), field.count > 1,
            Double(field) == nil
        {
            field = "'" + field
        }
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == ";" }) else {
            return field
        }
        return "\"" + field.replacing("\"", with: "\"\"") + "\""
    }

    /// The spreadsheet column of a 0-based index: A, B, … Z, AA.
    public static func columnLetter(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let rest = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + rest))) + letters
            n = (n - 1) / 26
        }
        return letters
    }
}
