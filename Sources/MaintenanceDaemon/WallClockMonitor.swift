import CSystemd
import Dispatch
import Foundation

/// Notices when the wall clock is set (NTP steps, `date -s`): a `CLOCK_REALTIME` timerfd armed far in the future with
/// `TFD_TIMER_CANCEL_ON_SET` becomes readable with `ECANCELED` whenever the clock jumps. libdispatch's wall timers do
/// not report this, so without it a timer armed for 06:00 would fire at the wrong moment after a step.
final class WallClockMonitor: @unchecked Sendable {
    private let descriptor: Int32
    private let source: any DispatchSourceRead

    /// Calls `changed` on `queue` after every clock step.
    init?(queue: DispatchQueue, changed: @escaping @Sendable () -> Void) {
        let fd = timerfd_create(CLOCK_REALTIME, Int32(TFD_NONBLOCK | TFD_CLOEXEC))
        guard fd >= 0 else { return nil }
        descriptor = fd
        source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        guard arm() else {
            close(fd)
            return nil
        }
        source.setEventHandler { [self] in
            var expirations: UInt64 = 0
            let result = read(descriptor, &expirations, MemoryLayout<UInt64>.size)
            if result < 0 && errno == ECANCELED {
                _ = arm()
                changed()
            }
        }
        source.setCancelHandler { close(fd) }
        source.resume()
    }

    deinit {
        source.cancel()
    }

    /// Arms the timer at the far future with cancel-on-set.
    private func arm() -> Bool {
        var spec = itimerspec()
        spec.it_value.tv_sec = Int(Int32.max)
        return timerfd_settime(descriptor, Int32(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET), &spec, nil) == 0
    }
}
