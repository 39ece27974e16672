// libFuzzer target: calendar expressions and durations, from arbitrary text. Built by Fuzz/build.sh.
import Foundation

struct FuzzZones: TimeZoneResolver {
    func rules(named name: String) -> TimeZoneRules? { name == "UTC" ? .utc : nil }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCalendar(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: count), as: UTF8.self)
    if let spec = try? CalendarSpec(text, localZone: .utc, resolver: FuzzZones()) {
        var after = Date(timeIntervalSince1970: 1_764_000_000)
        for _ in 0..<3 {
            guard let next = spec.nextElapse(after: after) else { break }
            after = next
        }
        _ = spec.normalized
    }
    if let interval = try? MaintenanceInterval(parsing: text) {
        _ = interval.advance(Date(timeIntervalSince1970: 1_764_000_000), times: 3, in: .utc)
    }
    _ = try? Allowance(parsing: text)
    return 0
}
