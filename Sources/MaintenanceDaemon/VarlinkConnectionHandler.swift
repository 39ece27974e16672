import Foundation
import Logging
import MaintenanceProtocol
import NIOCore
import NIOPosix

/// One client connection: learns who the peer is from the kernel, then answers its calls in order, one at a time.
///
/// Fair to everyone else: a call is handed to the service only when the previous one (oneway ones too) has been
/// handled, so a client that pipelines or floods has at most one call waiting on the service's queue. Memory is
/// bounded both ways: past ``VarlinkServer/maxPipelined`` calls read ahead, reading pauses; while replies are unsent
/// (a client that does not read), no further call is served, and after ``VarlinkServer/unreadRepliesTimeout`` the
/// connection is dropped.
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
    private var countedUser: UInt32?
    private var readingPaused = false
    private var unreadTimer: Scheduled<Void>?

    init(service: MaintenanceService, counter: ConnectionCounter, logger: Logger) {
        self.service = service
        self.counter = counter
        self.logger = logger
    }

    func channelActive(context: ChannelHandlerContext) {
        guard counter.acquire() else {
            logger.warning("too many connections; refusing a new one")
            refuse(
                context: context,
                VarlinkError(
                    MaintenanceInterface.name + ".TooManyConnections",
                    ["user": .null, "limit": .number(Double(counter.maxTotal))]))
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
                    let identity = ClientIdentity(uid: credentials.uid, gid: credentials.gid, pid: credentials.pid)
                    guard handler.counter.acquire(uid: identity.uid) else {
                        handler.logger.warning(
                            "a user holds too many connections; refusing another",
                            metadata: ["user": "\(identity.user)", "limit": "\(handler.counter.maxPerUser)"])
                        handler.refuse(
                            context: context,
                            VarlinkError(
                                MaintenanceInterface.name + ".TooManyConnections",
                                ["user": .string(identity.user), "limit": .number(Double(handler.counter.maxPerUser))]))
                        return
                    }
                    handler.countedUser = identity.uid
                    handler.client = identity
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
        if let uid = countedUser {
            counter.release(uid: uid)
            countedUser = nil
        }
        unreadTimer?.cancel()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending.append(unwrapInboundIn(data))
        if pending.count >= VarlinkServer.maxPipelined && !readingPaused {
            readingPaused = true
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
        }
        processNext(context: context)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            unreadTimer?.cancel()
            unreadTimer = nil
            processNext(context: context)
        } else if unreadTimer == nil {
            // The client does not read its replies: serve it nothing more, and drop it if it never catches up.
            let channel = context.channel
            unreadTimer = context.eventLoop.scheduleTask(in: VarlinkServer.unreadRepliesTimeout) {
                channel.close(promise: nil)
            }
        }
        context.fireChannelWritabilityChanged()
    }

    /// A connection silent for the idle timeout is closed, unless it is following a `Watch` (busy with a stream).
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, !busy {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
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

    /// Answers with a typed error, then closes: a refused client learns why.
    private func refuse(context: ChannelHandlerContext, _ error: VarlinkError) {
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(Self.frame(VarlinkReply(error: error), channel.allocator)))
            .whenComplete { _ in channel.close(promise: nil) }
    }

    /// A reply as it goes on the wire: the message and its NUL terminator.
    private static func frame(_ reply: VarlinkReply, _ allocator: ByteBufferAllocator) -> ByteBuffer {
        let message = reply.message
        var buffer = allocator.buffer(capacity: message.utf8.count + 1)
        buffer.writeString(message)
        buffer.writeInteger(UInt8(0))
        return buffer
    }

    private func processNext(context: ChannelHandlerContext) {
        guard !busy, let client, !pending.isEmpty, context.channel.isWritable else { return }
        let message = pending.removeFirst()
        if readingPaused && pending.count < VarlinkServer.maxPipelined / 2 {
            readingPaused = false
            context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
            context.read()
        }
        let call: VarlinkCall
        do {
            call = try VarlinkCall(message: Array(message.readableBytesView))
        } catch {
            write(VarlinkReply(error: error), context: context)
            processNext(context: context)
            return
        }
        // GetStatus while nothing changed since it was last worked out: answered here, in order (nothing of this
        // connection is in flight), without a trip through the service's queue.
        if call.method == MaintenanceInterface.getStatus.declaration.qualifiedName, call.parameters.isEmpty, !call.more,
            !call.oneway, !call.upgrade, let snapshot = service.statusSnapshot.published,
            client.role(in: snapshot.roles) >= MaintenanceInterface.getStatus.declaration.role
        {
            write(VarlinkReply(parametersJSON: snapshot.parameters), context: context)
            processNext(context: context)
            return
        }
        busy = true
        let channel = context.channel
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let streaming = call.more && !call.oneway && MaintenanceInterface.declaration(of: call.method)?.streams == true
        let next: @Sendable () -> Void = {
            channel.eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.busy = false
                handler.processNext(context: context)
            }
        }
        let sink = ReplySink(
            send: { reply in
                guard channel.isActive else { return false }
                // A watcher that does not read is dropped rather than buffered without bound.
                if reply.continues && !channel.isWritable {
                    channel.close(promise: nil)
                    return false
                }
                channel.writeAndFlush(Self.frame(reply, channel.allocator), promise: nil)
                if !reply.continues && (!streaming || reply.error != nil) { next() }
                return true
            },
            handled: next)
        service.handle(call, from: client, reply: sink)
    }

    private func write(_ reply: VarlinkReply, context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(Self.frame(reply, context.channel.allocator)), promise: nil)
    }
}
