import MaintenanceCLI
import Testing

/// The sheet reader: what spreadsheets write, and what they must not be able to smuggle in.
struct CSVTableTests {
    @Test func readsQuotesLineBreaksSeparatorsAndByteOrderMarks() throws {
        let table = try CSVTable(parsing: "\u{FEFF}a,b,c\r\n\"x, \"\"y\"\"\",\"two\nlines\",\r\n\r\nlast,,\"\"")
        #expect(table.records.map(\.line) == [1, 2, 5])
        #expect(table.records[1].fields == ["x, \"y\"", "two\nlines", ""])
        #expect(table.records[2].fields == ["last", "", ""])
        let semicolons = try CSVTable(parsing: "a;b\n1,5;2\n")
        #expect(semicolons.records[1].fields == ["1,5", "2"])
    }

    @Test func refusesWhatIsNotCSVWithTheLine() {
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "a\n\"open") }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "a\nx\"y\n") }
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable(parsing: "a\n\"x\"y\n") }
        do {
            _ = try CSVTable(parsing: "a\nb\n\"x\"y\n")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func writesFieldsThatReadBackAndCannotRunAsFormulas() throws {
        for text in ["plain", "a, b", "say \"hi\"", "two\nlines", "=SUM(A1)", "-5", "@cmd", "x;y"] {
            let line = CSVTable.field(text) + "," + CSVTable.field("end")
            let read = try CSVTable(parsing: "h,i\n" + line).records[1].fields[0]
            #expect(read == text || read == "'" + text, "\(text)")
        }
        #expect(CSVTable.field("=SUM(A1)") == "'=SUM(A1)" && CSVTable.field("-5") == "-5")
        #expect(
            CSVTable.columnLetter(0) == "A" && CSVTable.columnLetter(25) == "Z" && CSVTable.columnLetter(26) == "AA")
    }
}
