/// A configuration loaded by maintd.
public struct ConfigRevisionRecord: Sendable, Equatable, Codable {
    /// SHA-256 of the files' contents, in load order.
    public var contentHash: String
    public var files: [String]
    /// What changed ("added TW-05/calibration; removed …").
    public var summary: String
    /// The files in full, the first time this content is loaded (a revision seen before refers to it by its hash);
    /// nil in records of the first release.
    public var sources: [ConfigurationText]?

    public init(contentHash: String, files: [String], summary: String, sources: [ConfigurationText]? = nil) {
        self.contentHash = contentHash
        self.files = files
        self.summary = summary
        self.sources = sources
    }
}

extension ConfigRevisionRecord {
    /// Canonical JSON written directly, byte for byte what the encoder writes (tested): a first start's revision
    /// holds every file in full (11 MB for 100,000 tasks), which the encoder took a tenth of a second for.
    func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity((sources?.reduce(0) { $0 + $1.path.utf8.count + $1.text.utf8.count + 32 } ?? 0) + 256)
        out += Array(#"{"contentHash":"#.utf8)
        JSONText.appendQuoted(contentHash, to: &out)
        out += Array(#","files":["#.utf8)
        for (index, file) in files.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONText.appendQuoted(file, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let sources {
            out += Array(#","sources":["#.utf8)
            for (index, source) in sources.enumerated() {
                out += Array((index > 0 ? #",{"path":"# : #"{"path":"#).utf8)
                JSONText.appendQuoted(source.path, to: &out)
                out += Array(#","text":"#.utf8)
                JSONText.appendQuoted(source.text, to: &out)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
        }
        out += Array(#","summary":"#.utf8)
        JSONText.appendQuoted(summary, to: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension ConfigRevisionRecord {
    /// Reads a revision as ``encoded()`` writes it, nil for any other spelling (which the decoder reads instead): a
    /// first start's revision is megabytes of escaped configuration text, which the decoder took a sixth of a second
    /// for at 100,000 tasks.
    static func readCanonical(_ json: String) -> ConfigRevisionRecord? {
        CanonicalJSONReader.read(json) { reader in
            guard reader.skip(#"{"contentHash":"#), let contentHash = reader.string(), reader.skip(#","files":["#),
                let files = reader.elements({ $0.string() })
            else { return nil }
            var sources: [ConfigurationText]?
            if reader.skip(#","sources":["#) {
                sources = reader.elements { reader in
                    guard reader.skip(#"{"path":"#), let path = reader.string(), reader.skip(#","text":"#),
                        let text = reader.string(), reader.skip("}")
                    else { return nil }
                    return ConfigurationText(path: path, text: text)
                }
                guard sources != nil else { return nil }
            }
            guard reader.skip(#","summary":"#), let summary = reader.string(), reader.skip("}") else { return nil }
            return ConfigRevisionRecord(contentHash: contentHash, files: files, summary: summary, sources: sources)
        }
    }
}
