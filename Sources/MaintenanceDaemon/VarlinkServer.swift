import Foundation
import Logging
import MaintenanceProtocol
import NIOCore
import NIOPosix
import Synchronization

/// Serves the Varlink socket with SwiftNIO: one event loop, non-blocking I/O, so a slow, stalled or hostile client
/// never delays the others.
final class VarlinkServer: Sendable {
    /// Largest accepted message (calls are small; this stops memory exhaustion by one client).
    static let maxMessageSize = 1 << 20
    /// A message must be completed within this time once it has started.
    static let partialMessageTimeout = TimeAmount.seconds(30)
    /// Connections beyond this are closed at once.
    static let maxConnections = 512
    /// One user may hold at most a quarter of them, so the others always find room.
    static let maxConnectionsPerUser = 128
    /// Requests read ahead of the one being served, per connection, before reading pauses (backpressure).
    static let maxPipelined = 32
    /// How long replies may stay unsent (a client that does not read) before the connection is dropped.
    static let unreadRepliesTimeout = TimeAmount.seconds(30)

    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    private init(group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.group = group
        self.channel = channel
    }

    /// Starts serving the already bound and listening descriptor.
    static func start(
        descriptor: Int32, service: MaintenanceService, idle: Duration, logger: Logger
    ) async throws -> VarlinkServer {
        // One event loop per core: GetStatus is answered on them (StatusSnapshot); everything else goes to the queue.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let counter = ConnectionCounter()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handlers: [any ChannelHandler] = [
                        IdleStateHandler(readTimeout: TimeAmount(idle)),
                        StalledMessageGuard(timeout: Self.partialMessageTimeout),
                        ByteToMessageHandler(VarlinkFrameDecoder(maxSize: Self.maxMessageSize)),
                        VarlinkConnectionHandler(service: service, counter: counter, logger: logger),
                    ]
                    try channel.pipeline.syncOperations.addHandlers(handlers)
                }
            }
            .withBoundSocket(descriptor)
            .get()
        return VarlinkServer(group: group, channel: channel)
    }

    /// Stops accepting and closes every connection.
    func stop() async {
        try? await channel.close().get()
        try? await group.shutdownGracefully()
    }
}
