package app.highway.audiolink;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One binary message of the call-audio link: 20 ms of μ-law audio with its sequence number and the
 * wall-clock time its sender produced it (see the package description for the layout).
 *
 * @param seq    0, 1, 2, … per socket and direction
 * @param micros when the sender produced the frame, microseconds since the epoch
 * @param audio  exactly {@link #AUDIO_BYTES} bytes of G.711 μ-law, 8 kHz mono
 */
public record AudioFrame(long seq, long micros, byte[] audio) {
    /** 20 ms at 8 kHz, one byte a sample. */
    public static final int AUDIO_BYTES = 160;
    private static final int HEADER_BYTES = 16;
    /** The size of every binary message on the link. */
    public static final int WIRE_BYTES = HEADER_BYTES + AUDIO_BYTES;

    public AudioFrame {
        Objects.requireNonNull(audio, "audio");
        if (seq < 0) {
            throw new IllegalArgumentException("a frame's sequence number is never negative: " + seq);
        }
        if (audio.length != AUDIO_BYTES) {
            throw new IllegalArgumentException("a frame holds " + AUDIO_BYTES + " bytes of audio, not " + audio.length);
        }
    }

    /** The frame as sent on the socket. */
    public byte[] toWire() {
        return ByteBuffer.allocate(WIRE_BYTES).putLong(seq).putLong(micros).put(audio).array();
    }

    /**
     * Reads a binary message.
     *
     * @throws IllegalArgumentException if it is not exactly one frame (the receiver closes the socket
     *                                  with 1007, saying so)
     */
    public static AudioFrame fromWire(byte[] message) {
        if (message == null || message.length != WIRE_BYTES) {
            throw new IllegalArgumentException("an audio frame is " + WIRE_BYTES + " bytes, this message is "
                    + (message == null ? 0 : message.length));
        }
        ByteBuffer in = ByteBuffer.wrap(message);
        long seq = in.getLong();
        long micros = in.getLong();
        return new AudioFrame(seq, micros, Arrays.copyOfRange(message, HEADER_BYTES, WIRE_BYTES));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AudioFrame f && f.seq == seq && f.micros == micros && Arrays.equals(f.audio, audio);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq) * 31 + Arrays.hashCode(audio);
    }

    @Override
    public String toString() {
        return "AudioFrame[seq=" + seq + ", micros=" + micros + "]";
    }
}
