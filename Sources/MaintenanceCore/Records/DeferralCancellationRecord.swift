/// A lead cancelling a deferral (the record it `corrects`): the occurrence is due again as if never deferred.
public struct DeferralCancellationRecord: Sendable, Equatable, Codable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
