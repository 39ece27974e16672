/// How much work the history holds, counted as records are taken in (never by scanning): completions as recorded,
/// those recorded as failed, and the findings they reported. Corrections change none of these: they only ever grow,
/// as metrics counters must.
public struct RecordTotals: Sendable, Equatable {
    public var completions = 0
    public var failedCompletions = 0
    public var findings = 0

    public init() {}

    mutating func count(_ completion: CompletionRecord) {
        completions += 1
        if completion.result == .fail { failedCompletions += 1 }
        findings += completion.findings.count
    }
}
