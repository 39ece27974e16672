import MaintenanceCore
import Testing

@testable import MaintenanceFiles

@Test func berlinRulesComeFromTheSystemZoneinfo() throws {
    let rules = try #require(ZoneInfoDirectory().rules(named: "Europe/Berlin"))
    #expect(rules.standardAbbreviation == "CET")
    #expect(rules.daylightAbbreviation == "CEST")
    // 2026-07-01T00:00:00Z is in summer time.
    #expect(rules.utcOffset(at: 1_782_864_000) == 7_200)
}

@Test func zoneNamesCannotEscapeTheDirectory() {
    let zones = ZoneInfoDirectory()
    #expect(zones.rules(named: "../../etc/passwd") == nil)
    #expect(zones.rules(named: "/etc/localtime") == nil)
    #expect(zones.rules(named: "Mars/Olympus_Mons") == nil)
}

@Test func tzVariableChoosesTheLocalZoneLikeGlibc() {
    let zones = ZoneInfoDirectory()
    #expect(zones.localZone(tz: "").identifier == "UTC")
    #expect(zones.localZone(tz: ":America/New_York").standardAbbreviation == "EST")
    #expect(zones.localZone(tz: "EST5EDT4,M3.2.0,M11.1.0").daylightAbbreviation == "EDT")
}

/// `/etc/localtime`'s target, relative or absolute, is named as its path under the zoneinfo directory.
@Test(arguments: [
    ("/usr/share/zoneinfo/Europe/Berlin", "/etc/localtime", "/usr/share/zoneinfo/Europe/Berlin"),
    ("../usr/share/zoneinfo/Europe/Berlin", "/etc/localtime", "/usr/share/zoneinfo/Europe/Berlin"),
    ("./../usr/share/zoneinfo//America/New_York", "/etc/localtime", "/usr/share/zoneinfo/America/New_York"),
    ("../../../../usr/share/zoneinfo/UTC", "/etc/localtime", "/usr/share/zoneinfo/UTC"),
    ("zoneinfo/Asia/Tokyo", "/usr/share/localtime", "/usr/share/zoneinfo/Asia/Tokyo"),
])
func linkTargetsResolveAsTheFileSystemDoes(target: String, link: String, resolved: String) {
    #expect(ZoneInfoDirectory.resolve(target, besides: link) == resolved)
}
