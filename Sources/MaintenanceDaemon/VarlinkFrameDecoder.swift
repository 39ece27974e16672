import NIOCore

/// Splits the byte stream into NUL-terminated Varlink messages, refusing any larger than `maxSize`.
struct VarlinkFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// Raised when a message grows past the limit; the connection is answered and closed.
    struct MessageTooLarge: Error {}

    let maxSize: Int

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: 0) else {
            if buffer.readableBytes > maxSize { throw MessageTooLarge() }
            return .needMoreData
        }
        let length = end - buffer.readerIndex
        if length > maxSize { throw MessageTooLarge() }
        let message = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(message))
        return .continue
    }

    mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws
        -> DecodingState
    {
        // A message cut off by the client hanging up is dropped.
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .needMoreData
    }
}
