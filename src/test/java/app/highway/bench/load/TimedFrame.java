package app.highway.bench.load;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A 20 ms μ-law frame (160 bytes) that carries its own call, sequence number and send time in its
 * first 16 bytes, so the receiving side times it without any shared lookup. The rest is
 * speech-like bytes, not silence.
 */
record TimedFrame(int call, int seq, long sentNanos) {
    static final int BYTES = 160;

    String base64() {
        ByteBuffer b = ByteBuffer.allocate(BYTES);
        b.putInt(call).putInt(seq).putLong(sentNanos);
        for (int i = 16; i < BYTES; i++) {
            b.put((byte) (0x7f ^ ((seq * 31 + i * 7) & 0x3f)));
        }
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** Reads the frame in the JSON string value that starts right after {@code key} in {@code message}. */
    static TimedFrame in(String message, String key) {
        int start = message.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(message.substring(start, message.indexOf('"', start))));
        return new TimedFrame(b.getInt(), b.getInt(), b.getLong());
    }
}
