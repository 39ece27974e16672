public import FoundationEssentials

/// The sentences people read in the journal and in `maintctl watch`.
public enum EventWording {
    /// "Calibration of torque wrench TW-04 is overdue since 2026-11-20 06:00 (Line B): Calibrate to 40 N·m".
    public static func sentence(
        for status: TaskStatus, kind: MaintenanceEventKind, equipment: Equipment,
        task: MaintenanceTask, configuration: Configuration
    ) -> String {
        let subject = "\(task.kind.title) of \(equipment.name) \(equipment.id)"
        let line = configuration.lineName(equipment.line)
        let when = status.dueAt.map { Timestamp.wallClock($0, in: configuration.zone) }
        let meterText = status.meter.map { progress -> String in
            let due = "\(progress.dueValue.formatted(maxFractionDigits: 2)) \(progress.unit) of \(progress.meter)"
            let now = progress.current.map { ", now \($0.formatted(maxFractionDigits: 2)) \(progress.unit)" } ?? ""
            return "\(due)\(now)"
        }
        let predicate: String
        switch kind {
        case .upcoming:
            if let meterText, status.dueAt == nil {
                let forecast =
                    status.forecastAt.map { ", expected \(Timestamp.wallClock($0, in: configuration.zone))" } ?? ""
                predicate = "is due at \(meterText)\(forecast)"
            } else {
                predicate = "is due \(when ?? "soon")"
            }
        case .due:
            predicate = meterText.map { "is due: reached \($0)" } ?? "is due since \(when ?? "now")"
        case .overdue:
            predicate = "is overdue since \(when ?? "now")" + (meterText.map { " (\($0))" } ?? "")
        case .overdueReminder:
            predicate = "is still overdue since \(when ?? "now")" + (meterText.map { " (\($0))" } ?? "")
        default:
            predicate = String(kind.rawValue.map { $0 == "-" ? " " : $0 })
        }
        // A due date the plant calendar moved says from when and why.
        let moved =
            status.dueMove.map { move in
                move.noShutdownFits
                    ? "; no shutdown fits: \(move.reason)"
                    : "; moved from \(Timestamp.wallClock(move.from, in: configuration.zone)): \(move.reason)"
            } ?? ""
        return "\(subject) \(predicate) (\(line)): \(task.title)\(moved)"
    }
}
