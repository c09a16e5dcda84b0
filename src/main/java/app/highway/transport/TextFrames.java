package app.highway.transport;

import io.netty.buffer.Unpooled;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one whole WebSocket text message from bytes that are already UTF-8 (the relay's JSON
 * envelopes around base64 audio): {@code head + body[offset, offset + length) + tail}, copied once
 * into the frame's array. No {@code String}, no UTF-8 encoding, no further copy on the way out.
 *
 * <p>Vert.x's public API writes text only from a {@code String} ({@code WebSocketFrame.textFrame},
 * {@code writeTextMessage}), which it copies and encodes per frame; a text frame over bytes needs
 * its internal {@code WebSocketFrameImpl(WebSocketFrameType.TEXT, ByteBuf, true)}. That internal
 * class is used here and nowhere else, and {@code TextFramesTest} checks that a peer receives the
 * exact text, so a Vert.x upgrade that changes it fails one small test rather than the relay.
 *
 * <p>Why a plain heap array and not a pooled or reused buffer: Vert.x holds the frame's buffer until
 * it is written, wraps it as unreleasable, and copies any pooled buffer to the heap before writing
 * ({@code VertxHandler.safeBuffer}), so a pooled buffer costs a second copy and is never returned to
 * its pool (Netty's leak detector reports it). An unpooled array is written as it is.
 */
public final class TextFrames {
    private TextFrames() {
    }

    /** The final text frame of {@code head + body[offset, offset + length) + tail}. */
    public static WebSocketFrameImpl frame(byte[] head, byte[] body, int offset, int length, byte[] tail) {
        byte[] all = new byte[head.length + length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, offset, all, head.length, length);
        System.arraycopy(tail, 0, all, head.length + length, tail.length);
        return new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(all), true);
    }

    /**
     * A whole text message already encoded as UTF-8, as frames of at most {@code maxFrame} bytes (a
     * text frame, then continuation frames; one frame if it fits), over the array itself (not copied):
     * a peer with the usual frame limit (64 KiB) reads a big message too.
     */
    public static List<WebSocketFrame> message(byte[] utf8, int maxFrame) {
        if (utf8.length <= maxFrame) {
            return List.of(new WebSocketFrameImpl(WebSocketFrameType.TEXT, Unpooled.wrappedBuffer(utf8), true));
        }
        List<WebSocketFrame> frames = new ArrayList<>(utf8.length / maxFrame + 1);
        for (int offset = 0; offset < utf8.length; offset += maxFrame) {
            int length = Math.min(maxFrame, utf8.length - offset);
            boolean last = offset + length == utf8.length;
            frames.add(new WebSocketFrameImpl(offset == 0 ? WebSocketFrameType.TEXT : WebSocketFrameType.CONTINUATION,
                    Unpooled.wrappedBuffer(utf8, offset, length), last));
        }
        return frames;
    }

    /** Never blocks; false (and nothing written) if the socket is closed. */
    public static boolean write(WebSocketBase socket, byte[] head, byte[] body, int offset, int length, byte[] tail) {
        if (socket.isClosed()) {
            return false;
        }
        try {
            socket.writeFrame(frame(head, body, offset, length, tail)); // a failure (closing meanwhile) is the future's
            return true;
        } catch (IllegalStateException closing) {
            return false;
        }
    }
}
