package app.highway.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

/**
 * Writes one whole WebSocket text message from bytes that are already UTF-8 (the relay's JSON
 * envelopes around base64 audio): {@code head + body[offset, offset + length) + tail}, copied once
 * into a pooled buffer that Netty releases once written. No {@code String}, no UTF-8 encoding.
 *
 * <p>Vert.x's public API writes text only from a {@code String} ({@code WebSocketFrame.textFrame},
 * {@code writeTextMessage}), which it re-encodes per frame; a text frame over a buffer needs its
 * internal {@code WebSocketFrameImpl(WebSocketFrameType.TEXT, ByteBuf, true)}. That internal class is
 * used here and nowhere else, and {@code TextFramesTest} checks that a peer receives the exact text,
 * so a Vert.x upgrade that changes it fails one small test rather than the relay.
 */
public final class TextFrames {
    private TextFrames() {
    }

    /** Never blocks; false (and nothing written) if the socket is closed. */
    public static boolean write(WebSocketBase socket, byte[] head, byte[] body, int offset, int length, byte[] tail) {
        if (socket.isClosed()) {
            return false;
        }
        ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(head.length + length + tail.length);
        buf.writeBytes(head).writeBytes(body, offset, length).writeBytes(tail);
        try {
            socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, buf, true)).onFailure(e -> {
                if (buf.refCnt() > 0) { // refused before it reached Netty (closing meanwhile): ours to release
                    buf.release();
                }
            });
            return true;
        } catch (IllegalStateException closing) {
            if (buf.refCnt() > 0) {
                buf.release();
            }
            return false;
        }
    }
}
