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
        // Mid-message when the last byte received is not a message terminator.
        let midMessage = buffer.readableBytesView.last.map { $0 != 0 } ?? false
        if midMessage {
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
