import NIOCore
import NIOEmbedded
import Testing

@testable import MaintenanceDaemon

/// Half a message and silence is dropped; large messages arriving back to back are progress, not a stall.
struct StalledMessageGuardTests {
    func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: StalledMessageGuard(timeout: .seconds(1)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    func send(_ channel: EmbeddedChannel, _ bytes: [UInt8]) throws {
        var buffer = channel.allocator.buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        try channel.writeInbound(buffer)
        _ = try channel.readInbound(as: ByteBuffer.self)
    }

    @Test func halfAMessageAndSilenceIsDropped() throws {
        let channel = try channel()
        try send(channel, Array("{\"method\":".utf8))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1_100))
        #expect(!channel.isActive)
    }

    /// Regression: every read of a long stream of large messages ended mid-message, and the clock started at the first
    /// of them was never reset, so a client sending valid messages back to back was dropped as stalled.
    @Test func messagesCompletedAlongTheWayKeepTheConnection() throws {
        let channel = try channel()
        for _ in 0..<6 {
            // The end of one message and the start of the next in each read.
            try send(channel, Array("end of a message\u{0}start of the next".utf8))
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(600))
        }
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
