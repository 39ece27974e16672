// libFuzzer target: the plan sheet reader and import, from arbitrary bytes. Built by Fuzz/build.sh.
import Foundation

/// Only UTC: the fuzzer explores the sheet, not the zone database.
struct FuzzZones: TimeZoneResolver {
    func rules(named name: String) -> TimeZoneRules? { name == "UTC" ? .utc : nil }
}

/// A configuration file the sheet is merged into: one machine with a task and readings the sheet cannot hold.
let existing = """
    {"lines": [{"id": "line-a"}], "equipment": [{"id": "P1", "name": "Press", "line": "line-a", "tasks": [
      {"id": "gauge", "kind": "calibration", "title": "Gauge", "every": "1 year",
       "readings": [{"id": "as-left", "unit": "bar", "min": 9.9, "max": 10.1}]}]}]}
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    let now = Date(timeIntervalSince1970: 1_764_000_000)
    let result = PlanImport(csv: text, into: existing, knownLines: [], zones: FuzzZones(), now: now)
    // Whatever the sheet, the result is JSON the parser reads back, or the file is left as it was.
    if result.problems.isEmpty {
        guard (try? JSONParser.parse(Array(result.text.utf8))) != nil else { fatalError("import wrote invalid JSON") }
    } else if result.text != existing {
        fatalError("a refused import changed the file")
    }
    return 0
}
