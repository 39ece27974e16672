// libFuzzer target: Varlink messages as a client may send them, from arbitrary bytes. Built by Fuzz/build.sh.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVarlink(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
    // Whatever parses must serialize to JSON that parses to the same value.
    if let literal = try? JSONLiteral(parsing: bytes) {
        let again = try? JSONLiteral(parsing: Array(literal.serialized.utf8))
        precondition(again == literal, "a parsed message did not survive serializing")
    }
    guard let call = try? VarlinkCall(message: bytes) else { return 0 }
    let method = call.method
    _ = try? VarlinkCoding.decode(CompleteTaskParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(CorrectRecordParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(CorrectMeterReadingParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(ListTasksParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(HistoryParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(RecordMeterParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(DeferTaskParameters.self, from: call.parameters, method: method)
    _ = try? VarlinkCoding.decode(ReviewRecordParameters.self, from: call.parameters, method: method)
    return 0
}
