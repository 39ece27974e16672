import Foundation
import MaintenanceCore
import Testing

/// The core trims as Foundation's character sets do, without linking Foundation (maintctl loads only
/// FoundationEssentials); checked against Foundation itself.
struct WhitespaceTests {
    static let samples = [
        "", " ", "\t", "plain", "  both ends\t", "\n line \r\n", "\u{00A0}no-break\u{2003}", "\u{2028}sep\u{2029}",
        "\u{0085}next line\u{000B}", "in side  spaces", "\u{200B}zero width\u{200B}", "é\u{0301} ", " \u{1F527} ",
        "\u{3000}ideographic\u{3000}", "\u{000C}form feed",
    ]

    @Test(arguments: samples)
    func trimsAsFoundationDoes(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(Substring(text).trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    /// Every scalar of the Basic Multilingual Plane, alone and between letters.
    @Test func agreesWithFoundationOnEveryBMPScalar() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "U+\(String(value, radix: 16))")
            #expect(
                text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                "U+\(String(value, radix: 16))")
        }
    }
}
