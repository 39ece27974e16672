public import FoundationEssentials

extension RelativeTime {
    /// "in 3 h", "in 2 d", "2 d ago", "now": short and readable at a glance.
    public static func short(from now: Date, to date: Date) -> String {
        let delta = date.timeIntervalSince(now)
        let magnitude = abs(delta)
        let text: String
        if magnitude < 60 {
            return "now"
        } else if magnitude < 3_600 {
            text = "\(Int(magnitude / 60)) min"
        } else if magnitude < 48 * 3_600 {
            text = "\(Int(magnitude / 3_600)) h"
        } else if magnitude < 60 * 86_400 {
            text = "\(Int(magnitude / 86_400)) d"
        } else {
            text = "\(Int(magnitude / (7 * 86_400))) w"
        }
        return delta > 0 ? "in \(text)" : "\(text) ago"
    }
}
