import Foundation
import Logging
import MaintenanceProtocol
import NIOCore
import NIOPosix

/// One client connection: learns who the peer is from the kernel, then answers its calls in order.
final class VarlinkConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let service: MaintenanceService
    private let counter: ConnectionCounter
    private let logger: Logger
    private var client: ClientIdentity?
    private var pending: [ByteBuffer] = []
    private var busy = false
    private var counted = false

    init(service: MaintenanceService, counter: ConnectionCounter, logger: Logger) {
        self.service = service
        self.counter = counter
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        guard counter.acquire() else {
            logger.warning("too many connections; closing a new one")
            context.close(promise: nil)
            return
        }
        counted = true
        // SO_PEERCRED: the uid, gid and pid the kernel recorded when the peer connected.
        guard let provider = context.channel as? any SocketOptionProvider else {
            context.close(promise: nil)
            return
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        provider.unsafeGetSocketOption(level: .socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED))
            .whenComplete { (result: Result<PeerCredentials, any Error>) in
                let (handler, context) = loopBound.value
                switch result {
                case .success(let credentials):
                    handler.client = ClientIdentity(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
                    handler.processNext(context: context)
                case .failure:
                    context.close(promise: nil)
                }
            }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        if counted {
            counter.release()
            counted = false
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(unwrapInboundIn(data))
        processNext(context: context)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is VarlinkFrameDecoder.MessageTooLarge {
            let reply = VarlinkReply(
                error: .invalidParameter(
                    "message", "larger than \(VarlinkServer.maxMessageSize) bytes; the connection is closed"))
            write(reply, context: context)
        }
        context.close(promise: nil)
    }

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, let client, !pending.isEmpty else { return }
        let message = pending.removeFirst()
        let call: VarlinkCall
        do {
            call = try VarlinkCall(message: Array(message.readableBytesView))
        } catch {
            write(VarlinkReply(error: error), context: context)
            processNext(context: context)
            return
        }
        busy = true
        let channel = context.channel
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let streaming = call.more && call.name == "Watch"
        let sink = ReplySink { reply in
            guard channel.isActive else { return false }
            // A watcher that does not read is dropped rather than buffered without bound.
            if reply.continues && !channel.isWritable {
                channel.close(promise: nil)
                return false
            }
            let message = reply.message
            var buffer = channel.allocator.buffer(capacity: message.utf8.count + 1)
            buffer.writeString(message)
            buffer.writeInteger(UInt8(0))
            channel.writeAndFlush(buffer, promise: nil)
            if !reply.continues && !streaming {
                channel.eventLoop.execute {
                    let (handler, context) = loopBound.value
                    handler.busy = false
                    handler.processNext(context: context)
                }
            }
            return true
        }
        if call.oneway {
            busy = false
        }
        service.handle(call, from: client, reply: sink)
        if call.oneway { processNext(context: context) }
    }

    private func write(_ reply: VarlinkReply, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: reply.message.utf8.count + 1)
        buffer.writeString(reply.message)
        buffer.writeInteger(UInt8(0))
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }
}
