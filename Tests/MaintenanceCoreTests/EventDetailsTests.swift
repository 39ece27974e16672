import Testing

@testable import MaintenanceCore

/// An event's details behave as a dictionary of strings, iterated in key order.
struct EventDetailsTests {
    @Test func setReplaceAndRemoveKeepOneValuePerKeyInKeyOrder() {
        var details: EventDetails = ["trigger": "time", "line": "line-a"]
        details["by"] = "jdoe"
        details["line"] = "line-b"
        details["zone"] = nil
        #expect(details.map(\.key) == ["by", "line", "trigger"])
        #expect(details["line"] == "line-b" && details["missing"] == nil)
        details["by"] = nil
        #expect(details.dictionary == ["line": "line-b", "trigger": "time"])
        details["line"] = nil
        details["trigger"] = nil
        #expect(details.isEmpty && details == EventDetails())
    }

    @Test func equalityIgnoresTheOrderValuesWereGivenIn() {
        var one = EventDetails()
        one["b"] = "2"
        one["a"] = "1"
        let other: EventDetails = ["a": "1", "b": "2"]
        #expect(one == other)
        #expect(one != ["a": "1", "b": "3"])
    }

    @Test func mergingLetsTheOtherDetailsWin() {
        let defaults: EventDetails = ["by": "jdoe", "line": "line-a"]
        let merged = defaults.merging(["line": "line-b", "reason": "blocked"])
        #expect(merged.dictionary == ["by": "jdoe", "line": "line-b", "reason": "blocked"])
    }
}
