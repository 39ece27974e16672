import MaintenanceCore
import Testing

@testable import MaintenanceCore

struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONNode { try JSONParser.parse(Array(text.utf8)) }

    @Test func recordsLinesAndColumnsInCharacters() throws {
        let node = try parse("{\n  \"name\": \"Prüfstand\",\n  \"x\": [1, 2.5e1, -0]\n}")
        guard case .object(let members) = node.value else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["name", "x"])
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[1].value.location == SourceLocation(line: 3, column: 8))
    }

    @Test func keepsDuplicateKeysSoTheyCanBeReported() throws {
        guard case .object(let members) = try parse(#"{"a": 1, "a": 2}"#).value else { return }
        #expect(members.count == 2)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "trailing comma"), ("[1 2]", "expected \",\" or \"]\""), ("\"abc", "not closed"),
        ("01", "must not start with 0"), ("1e999", "too large"), ("{'a': 1}", "double quotes"),
        ("nul", "expected null"),
        ("\"\\x\"", "invalid escape"), ("\"\\ud800\"", "low surrogate"), ("{} {}", "after the end"),
        ("", "end of the file"),
    ])
    func refusesInvalidJSON(text: String, message: String) {
        let error = #expect(throws: JSONSyntaxError.self) { try parse(text) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        guard case .string(let text) = try parse(#""a\"\n\u00e9\ud83d\ude00""#).value else { return }
        #expect(text == "a\"\né😀")
    }

    /// Strings without escapes take a faster path (no copy through scalars); both paths validate UTF-8 alike.
    @Test func stringsWithAndWithoutEscapesRefuseInvalidUTF8AlikeAndKeepTheirText() throws {
        for bytes in [[0x22, 0x61, 0xFF, 0x62, 0x22], [0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22]] as [[UInt8]] {
            let error = #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
            #expect(error?.message.contains("not valid UTF-8") == true)
        }
        guard case .string(let plain) = try parse(#""Prüfstand 7 — ölen""#).value else { return }
        #expect(plain == "Prüfstand 7 — ölen")
        guard case .string(let mixed) = try parse(#""Prüf\tstand""#).value else { return }
        #expect(mixed == "Prüf\tstand")
    }
}
