// libFuzzer target: the configuration parser and loader, from arbitrary bytes. Built by Fuzz/build.sh.
import Foundation

/// The fuzzed bytes as the main file; includes name nothing else.
struct FuzzSource: ConfigurationSource {
    let bytes: [UInt8]
    func read(_ path: String) throws -> [UInt8] {
        guard path == "/fuzz/maintd.json" else { throw CocoaError(.fileNoSuchFile) }
        return bytes
    }
    func expand(_ pattern: String, relativeTo directory: String) -> [String] { [] }
}

/// Only UTC: the fuzzer explores the grammar, not the zone database.
struct FuzzZones: TimeZoneResolver {
    func rules(named name: String) -> TimeZoneRules? { name == "UTC" ? .utc : nil }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfiguration(_ data: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: data, count: count))
    let now = Date(timeIntervalSince1970: 1_764_000_000)
    if let configuration = try? ConfigurationLoader.load(
        mainFile: "/fuzz/maintd.json", source: FuzzSource(bytes: bytes), zones: FuzzZones(), now: now)
    {
        // A configuration that loads must also schedule: evaluate every task once.
        var plant = Plant(configuration: configuration, contentHash: "fuzz", records: [], daemon: .daemon(uid: 0))
        _ = plant.start(now: now)
    }
    return 0
}
