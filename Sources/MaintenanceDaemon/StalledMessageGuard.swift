import NIOCore

/// Closes a connection that started a message and did not finish it in time, so a client that sends half a
/// message and stalls holds no resources (NIO already keeps it from delaying anyone).
final class StalledMessageGuard: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        // Mid-message when the last byte received is not a message terminator. A message completed in this read is
        // progress: the clock starts again, so large messages sent back to back are never taken for a stall.
        let bytes = buffer.readableBytesView
        let midMessage = bytes.last.map { $0 != 0 } ?? false
        if midMessage {
            if bytes.contains(0) {
                timer?.cancel()
                timer = nil
            }
            if timer == nil {
                let channel = context.channel
                timer = context.eventLoop.scheduleTask(in: timeout) { channel.close(promise: nil) }
            }
        } else {
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }
}
