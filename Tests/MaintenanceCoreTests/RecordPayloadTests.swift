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
