import Foundation
import Testing

@testable import MaintenanceCore

/// Payloads written directly (for speed) are byte for byte what the encoder writes, and read back.
struct RecordPayloadTests {
    @Test(arguments: [0, 1, -1, 1_764_000_000_123_456, -62_135_596_800_000_000, 253_402_300_799_999_999])
    func aFirstSightingIsWrittenAsTheEncoderWritesIt(microseconds: Int64) throws {
        let record = FirstSeenRecord(at: Date(microsecondsSinceEpoch: microseconds))
        let direct = try RecordPayload.firstSeen(record).encoded()
        #expect(direct == (try RecordPayload.encodedByEncoder(record)))
        #expect(try RecordPayload.decode(kind: .firstSeen, json: direct) == .firstSeen(record))
    }

    /// Other spellings of a first sighting still read (through the decoder), and wrong ones are still refused.
    @Test func firstSightingsWrittenOtherwiseStillReadOrAreRefused() throws {
        let at = FirstSeenRecord(at: Date(microsecondsSinceEpoch: 1_764_000_000_000_000))
        #expect(try RecordPayload.decode(kind: .firstSeen, json: #"{ "at": 1764000000000000 }"#) == .firstSeen(at))
        #expect(try RecordPayload.decode(kind: .firstSeen, json: #"{"at":1764000000000000}"#) == .firstSeen(at))
        for wrong in [
            #"{"at":}"#, #"{"at":"soon"}"#, #"{"at":12x}"#, #"{"at":99999999999999999999}"#, #"{"at":+5}"#,
            #"{"at":007}"#, "{}", "",
        ] {
            #expect(throws: (any Error).self, "\(wrong)") { try RecordPayload.decode(kind: .firstSeen, json: wrong) }
        }
    }
}

/// The history's batched payloads: first sightings and announcements made together.
struct BatchedPayloadTests {
    let awkward = "quote \" backslash \\ line\nfeed tab\t bell \u{07} escape \u{1B}[31m é 🛠 /slash"

    @Test func firstSightingsTogetherReadBackAndMatchTheEncoder() throws {
        let record = FirstSeenRecord(
            at: Date(microsecondsSinceEpoch: 1_764_000_000_000_000),
            tasks: [TaskKey(equipment: "P1", task: "grease"), TaskKey(equipment: awkward, task: "t")])
        let json = try RecordPayload.firstSeen(record).encoded()
        #expect(json.hasPrefix(#"{"at":1764000000000000,"tasks":[["P1","grease"],"#))
        #expect(json == (try RecordPayload.encodedByEncoder(record)))
        let none = FirstSeenRecord(at: record.at, tasks: [])
        #expect(try RecordPayload.firstSeen(none).encoded() == (try RecordPayload.encodedByEncoder(none)))
        #expect(try RecordPayload.decode(kind: .firstSeen, json: json) == .firstSeen(record))
        for wrong in [
            #"{"at":1,"tasks":[["P1"]]}"#, #"{"at":1,"tasks":[["P1","a","b"]]}"#, #"{"at":1,"tasks":[["","a"]]}"#,
            #"{"at":1,"tasks":"P1/a"}"#,
        ] {
            #expect(throws: (any Error).self, "\(wrong)") { try RecordPayload.decode(kind: .firstSeen, json: wrong) }
        }
    }

    @Test func announcementsTogetherReadBackWithAnyText() throws {
        let record = AnnouncementsRecord(entries: [
            .init(
                task: TaskKey(equipment: "P1", task: "grease"),
                notification: NotificationRecord(
                    event: .due, occurrence: "2026-11-24T07:00:00Z", state: .due, message: awkward)),
            .init(
                task: TaskKey(equipment: awkward, task: "gauge"),
                notification: NotificationRecord(
                    event: .overdueReminder, occurrence: "x", state: .overdue, message: "")),
        ])
        let json = try RecordPayload.announcements(record).encoded()
        // Valid JSON that any reader takes: the same as the encoder's reading of it.
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[String: String]]]
        #expect(parsed?["announcements"]?.first?["message"] == awkward)
        #expect(parsed?["announcements"]?.last?["equipment"] == awkward)
        #expect(parsed?["announcements"]?.last?["event"] == "overdue-reminder")
        #expect(try RecordPayload.decode(kind: .notification, json: json) == .announcements(record))
        // One announcement is still its own form.
        let single = NotificationRecord(event: .due, occurrence: "o", state: .due, message: "m")
        #expect(
            try RecordPayload.decode(kind: .notification, json: try RecordPayload.notification(single).encoded())
                == .notification(single))
        for wrong in [
            #"{"announcements":{}}"#, #"{"announcements":[{"equipment":"P1"}]}"#,
            #"{"announcements":[{"equipment":"P1","event":"due","message":"m","occurrence":"o","state":"sleepy","task":"t"}]}"#,
            #"{"announcements":[{"equipment":"P1","event":"due","message":"m","occurrence":"o","state":"due","task":7}]}"#,
            #"{"announcements":[{"equipment":"P1","event":"due","message":"m","occurrence":"o","state":"due","task":"t","x":"y"}]}"#,
            #"{"announcements":[],"more":1}"#, #"{"announcements":["#,
        ] {
            #expect(throws: (any Error).self, "\(wrong)") { try RecordPayload.decode(kind: .notification, json: wrong) }
        }
    }
}

/// A configuration revision (every file in full at a first start) is written directly, as the encoder writes it.
struct ConfigRevisionPayloadTests {
    @Test(arguments: [
        "plain",
        "quote \" backslash \\ slash / line\nfeed\r tab\t back\u{08} form\u{0C} nul \u{00} us \u{1F} del \u{7F}",
        "é ü 🛠 \u{2028} \u{2029} \u{FEFF} \u{200B}", "",
    ])
    func aRevisionIsWrittenAsTheEncoderWritesIt(text: String) throws {
        for sources in [nil, [], [ConfigurationText(path: "/etc/maintd/\(text).json", text: text)]]
            as [[ConfigurationText]?]
        {
            let record = ConfigRevisionRecord(
                contentHash: "abc", files: ["/etc/maintd/maintd.json", text], summary: text, sources: sources)
            let direct = try RecordPayload.configRevision(record).encoded()
            #expect(direct == (try RecordPayload.encodedByEncoder(record)))
            #expect(try RecordPayload.decode(kind: .configRevision, json: direct) == .configRevision(record))
        }
    }
}

/// The large payloads of a first start are read directly when spelt as maintd writes them. Whatever the direct
/// reader accepts, it reads exactly as the decoder does; any other spelling is left to the decoder.
struct CanonicalPayloadReadingTests {
    static let awkward = [
        "plain", "", "quote \" backslash \\ slash / line\nfeed\r tab\t back\u{08} form\u{0C} nul \u{00} us \u{1F}",
        "del \u{7F} é ü 🛠 \u{2028} \u{FEFF} \u{1B}[31m", String(repeating: "long ", count: 2_000),
    ]

    /// Spellings of the same or nearly the same text: spaces, other escapes, other key orders, damage.
    static func variants(of json: String) -> [String] {
        let replacements: [(String, String)] = [
            (":", " : "), (",", ", "), ("/", #"\/"#), ("a", #"\u0061"#), (#"\u001f"#, #"\u001F"#),
            (#"\n"#, #"\u000a"#), (#"\t"#, "\t"), (#"\""#, #"\u0022"#), (#"\\"#, #"\"#), ("é", #"\u00e9"#),
            ("\"", "'"),
        ]
        var result: [String] = [json, " " + json, json + " ", json + "x"]
        result += [String(json.dropLast()), String(json.dropFirst())]
        result += replacements.map { json.replacingOccurrences(of: $0.0, with: $0.1) }
        for index in stride(from: 0, to: json.count, by: max(1, json.count / 40)) {
            var cut = json
            cut.remove(at: cut.index(cut.startIndex, offsetBy: index))
            result.append(cut)
        }
        return result
    }

    @Test func aRevisionIsReadDirectlyExactlyAsTheDecoderReadsIt() throws {
        for text in Self.awkward {
            for sources in [nil, [], [ConfigurationText(path: "/etc/\(text).json", text: text)]]
                as [[ConfigurationText]?]
            {
                let record = ConfigRevisionRecord(
                    contentHash: "abc", files: text.isEmpty ? [] : ["/etc/maintd/maintd.json", text], summary: text,
                    sources: sources)
                let json = try RecordPayload.configRevision(record).encoded()
                #expect(ConfigRevisionRecord.readCanonical(json) == record, "\(json.prefix(200))")
                for variant in Self.variants(of: json) {
                    guard let direct = ConfigRevisionRecord.readCanonical(variant) else { continue }
                    let decoded = try? RecordPayload.decodedByDecoder(ConfigRevisionRecord.self, from: variant)
                    #expect(direct == decoded, "\(variant.prefix(200))")
                }
            }
        }
    }

    @Test func firstSightingsAreReadDirectlyExactlyAsTheDecoderReadsThem() throws {
        for microseconds: Int64 in [0, -1, 1_764_000_000_123_456, .max, .min] {
            for text in Self.awkward {
                for tasks in [
                    nil, [], [TaskKey(equipment: "P1", task: "grease"), TaskKey(equipment: "E", task: text)],
                ]
                    as [[TaskKey]?]
                {
                    let record = FirstSeenRecord(at: Date(microsecondsSinceEpoch: microseconds), tasks: tasks)
                    let json = try RecordPayload.firstSeen(record).encoded()
                    let direct = FirstSeenRecord.readCanonical(json)
                    // An empty task id is refused by the decoder, and left to it.
                    #expect(text.isEmpty && tasks?.isEmpty == false ? direct == nil : direct == record, "\(json)")
                    for variant in Self.variants(of: json) + [
                        json.replacingOccurrences(of: "\(microseconds)", with: "0\(microseconds)"),
                        json.replacingOccurrences(of: "\(microseconds)", with: "\(microseconds)0"),
                        json.replacingOccurrences(of: "\(microseconds)", with: "-0"),
                        json.replacingOccurrences(of: "\(microseconds)", with: "\(microseconds).0"),
                    ] {
                        guard let direct = FirstSeenRecord.readCanonical(variant) else { continue }
                        let decoded = try? RecordPayload.decodedByDecoder(FirstSeenRecord.self, from: variant)
                        #expect(direct == decoded, "\(variant.prefix(200))")
                    }
                }
            }
        }
    }

    /// A revision spelt otherwise (an older writer, a hand-made copy) still reads through the decoder.
    @Test func aRevisionSpeltOtherwiseStillReads() throws {
        let spaced =
            #"{ "summary": "first", "files": ["a.json"], "contentHash": "h", "sources": [{"text": "x\/y", "path": "a.json"}] }"#
        #expect(ConfigRevisionRecord.readCanonical(spaced) == nil)
        #expect(
            try RecordPayload.decode(kind: .configRevision, json: spaced)
                == .configRevision(
                    ConfigRevisionRecord(
                        contentHash: "h", files: ["a.json"], summary: "first",
                        sources: [ConfigurationText(path: "a.json", text: "x/y")])))
    }
}
