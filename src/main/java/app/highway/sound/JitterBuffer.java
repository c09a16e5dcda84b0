package app.highway.sound;

import app.highway.audiolink.AudioFrame;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A small jitter buffer for 20 ms frames: playback starts once {@code startFrames} are held (and again after
 * it ran dry), frames are played in sequence order whatever order they came in, a missing frame is concealed
 * with silence when its turn comes, a frame that comes after its turn is dropped, and when more than
 * {@code maxFrames} are waiting the oldest are dropped so the delay never grows beyond that. Not thread-safe:
 * its owner ({@link Speakers}) holds its lock.
 */
public final class JitterBuffer {
    /** μ-law silence (the code for 0). */
    static final byte SILENCE = (byte) 0xFF;
    private final int startFrames;
    private final int maxFrames;
    private final TreeMap<Long, AudioFrame> waiting = new TreeMap<>();
    private boolean playing;
    /** The sequence number to play next; -1 before the first frame. */
    private long next = -1;
    private long played;
    private long concealed;
    private long dropped;
    private long underruns;

    /** What happened to the frames so far. */
    public record Stats(long played, long concealed, long dropped, long underruns, int waiting) { }

    public JitterBuffer(int startFrames, int maxFrames) {
        if (startFrames < 1 || maxFrames < startFrames) {
            throw new IllegalArgumentException("start after 1 or more frames, hold at least as many");
        }
        this.startFrames = startFrames;
        this.maxFrames = maxFrames;
    }

    /** Three frames (60 ms) before playing, at most ten (200 ms) waiting. */
    public static JitterBuffer standard() {
        return new JitterBuffer(3, 10);
    }

    /** A frame as it arrived. */
    public void offer(AudioFrame frame) {
        long seq = frame.seq();
        if (next < 0 || (!playing && seq < next)) {
            next = seq; // the first frame, or an earlier one before playback started
        } else if (seq < next) {
            dropped++; // its turn has passed
            return;
        }
        waiting.putIfAbsent(seq, frame);
        while (waiting.lastKey() - next + 1 > maxFrames) { // too far behind: skip the oldest
            if (waiting.remove(next) != null) {
                dropped++;
            }
            next++;
        }
    }

    /**
     * The frame to hand to the line now: the next in sequence, or silence standing in for a missing one (with
     * its sequence number); empty while the buffer fills (the player keeps the line fed with silence).
     */
    public Optional<AudioFrame> poll() {
        if (!playing) {
            if (waiting.size() < startFrames) {
                return Optional.empty();
            }
            playing = true;
            next = waiting.firstKey();
        }
        if (waiting.isEmpty()) {
            playing = false; // ran dry: fill again before playing on
            underruns++;
            return Optional.empty();
        }
        AudioFrame frame = waiting.remove(next);
        long seq = next++;
        if (frame != null) {
            played++;
            return Optional.of(frame);
        }
        concealed++;
        byte[] silence = new byte[AudioFrame.AUDIO_BYTES];
        Arrays.fill(silence, SILENCE);
        return Optional.of(new AudioFrame(seq, 0, silence));
    }

    /** Whether {@code frame} is a concealment made by {@link #poll()}, not audio from the link. */
    public static boolean isConcealment(AudioFrame frame) {
        return frame.micros() == 0;
    }

    public Stats stats() {
        return new Stats(played, concealed, dropped, underruns, waiting.size());
    }

    /** Forgets everything (a new stream). */
    public void clear() {
        waiting.clear();
        playing = false;
        next = -1;
    }
}
