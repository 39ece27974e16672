public import FoundationEssentials

/// How every `--json` of maintctl is written: one object (never a bare array), keys sorted, two-space indentation,
/// slashes as they are. Errors are objects too: `{"error": {"code": …, "message": …}}`.
public enum JSONOutput {
    public static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func error(code: String, message: String) -> String {
        text(["error": ["code": code, "message": message]])
    }
}
