/// The reply of `ListReviews`.
public struct ListReviewsReply: Codable, Sendable {
    public var reviews: [WireReview]
    public init(reviews: [WireReview]) { self.reviews = reviews }
}
