package app.highway.twilio;

import java.nio.charset.StandardCharsets;

/** The bridge's side of one Twilio media WebSocket: what it can send back. Sends never block. */
public interface MediaSink {
    void sendText(String message);

    /**
     * The hot path: one text message made of {@code head + body[offset, offset + length) + tail},
     * all UTF-8 already; the arrays are only read during the call (copied once into the frame).
     */
    default void sendText(byte[] head, byte[] body, int offset, int length, byte[] tail) {
        byte[] all = new byte[head.length + length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, offset, all, head.length, length);
        System.arraycopy(tail, 0, all, head.length + length, tail.length);
        sendText(new String(all, StandardCharsets.UTF_8));
    }

    void close(int code, String reason);
}
