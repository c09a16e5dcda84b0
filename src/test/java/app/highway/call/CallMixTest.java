package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.audio.Base64Audio;
import app.highway.audio.MuLaw;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The listen-in mix on its own: the playout queue across chunk sizes, its growth and wrap, clear, listeners. */
@Tag("unit")
class CallMixTest {
    private static final byte SILENT_CALLER = (byte) 0xFF;

    /** Records frames as they were handed over. */
    private static final class Recorder implements CallAudio.Listener {
        final List<byte[]> frames = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        private final boolean callerOnly;

        Recorder(boolean callerOnly) {
            this.callerOnly = callerOnly;
        }

        @Override
        public void frame(byte[] audio, long micros) {
            frames.add(Arrays.copyOf(audio, CallAudio.FRAME_BYTES));
        }

        @Override
        public boolean callerOnly() {
            return callerOnly;
        }

        @Override
        public void ended(String reason) {
            ended.add(reason);
        }
    }

    private static Base64Audio b64(byte[] bytes) {
        return Base64Audio.of(Base64.getEncoder().encodeToString(bytes));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 13 + i * 5);
        }
        return b;
    }

    /** With a silent caller, the mix is the assistant's audio re-encoded (μ-law's two zeros become one). */
    private static byte[] alone(byte[] a, int from) {
        byte[] out = new byte[CallAudio.FRAME_BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i < a.length ? MuLaw.encode(MuLaw.decode(a[from + i])) : (byte) 0xFF;
        }
        return out;
    }

    @Test
    void aSilentCallerLetsTheListenerHearTheAssistantsAudioFrameByFrameWhateverTheChunks() {
        CallMix mix = new CallMix();
        Recorder r = new Recorder(false);
        assertTrue(mix.add(r, 0));
        byte[] a = bytes(20_000, 3); // 2.5 s: grows past the first ring, in odd chunks
        for (int at = 0; at < a.length; ) {
            int n = Math.min(a.length - at, 333 + at % 7);
            mix.audio(b64(Arrays.copyOfRange(a, at, at + n)));
            at += n;
        }
        byte[] silence = new byte[160];
        Arrays.fill(silence, SILENT_CALLER);
        int frames = (a.length + 159) / 160;
        for (int i = 0; i < frames + 2; i++) {
            mix.callerFrame(b64(silence));
        }
        assertEquals(frames + 2, r.frames.size());
        for (int i = 0; i < frames + 2; i++) {
            assertArrayEquals(alone(a, i * 160), r.frames.get(i), "frame " + i);
        }
    }

    @Test
    void clearDropsEverythingQueuedAndTheRingWrapsCleanly() {
        CallMix mix = new CallMix();
        Recorder r = new Recorder(false);
        mix.add(r, 0);
        byte[] silence = new byte[160];
        Arrays.fill(silence, SILENT_CALLER);
        byte[] a = bytes(8000, 1);
        mix.audio(b64(a));
        for (int i = 0; i < 40; i++) { // 6400 of 8000 bytes played
            mix.callerFrame(b64(silence));
        }
        mix.cleared();
        mix.callerFrame(b64(silence));
        assertArrayEquals(alone(new byte[0], 0), r.frames.get(40), "after clear: silence, not the rest");
        byte[] b = bytes(3000, 2); // written across the ring's end
        mix.audio(b64(b));
        for (int i = 0; i < 19; i++) {
            mix.callerFrame(b64(silence));
        }
        for (int i = 0; i < 19; i++) {
            assertArrayEquals(alone(b, i * 160), r.frames.get(41 + i), "frame " + i + " after the clear");
        }
    }

    @Test
    void aLateListenerStartsWithTheUnplayedRemainderAsSilenceAndTheCallerOnlyListenerGetsRawFrames() {
        CallMix mix = new CallMix();
        byte[] a = bytes(320, 4);
        mix.audio(b64(a)); // nobody listens: not queued
        Recorder mixed = new Recorder(false);
        Recorder raw = new Recorder(true);
        mix.add(mixed, 20); // 20 ms of what was sent is still to be played
        mix.add(raw, 20);
        mix.audio(b64(a));
        byte[] caller = bytes(160, 9);
        for (int i = 0; i < 3; i++) {
            mix.callerFrame(b64(caller));
        }
        byte[] expected0 = new byte[160];
        for (int i = 0; i < 160; i++) {
            expected0[i] = MuLaw.encode(MuLaw.decode(caller[i]));
        }
        assertArrayEquals(expected0, mixed.frames.get(0), "the unplayed 20 ms: the caller alone");
        for (int i = 0; i < 160; i++) {
            int sum = MuLaw.decode(caller[i]) + MuLaw.decode(a[i]);
            expected0[i] = MuLaw.encode(Math.max(-32768, Math.min(32767, sum)));
        }
        assertArrayEquals(expected0, mixed.frames.get(1), "then what was sent after joining");
        for (byte[] f : raw.frames) {
            assertArrayEquals(caller, f, "the caller's frames as they came");
        }

        assertTrue(mix.remove(mixed));
        assertFalse(mix.remove(mixed));
        mix.ended("caller_hung_up");
        assertEquals(List.of("caller_hung_up"), raw.ended);
        assertEquals(List.of(), mixed.ended, "a listener gone before the end is not told");
        assertFalse(mix.add(new Recorder(false), 0), "no listener after the end");
        assertEquals(0, mix.listening());
    }

    @Test
    void callerAudioInOtherSizesIsMixedTwentyMillisecondsAtATimeAndARemainderWaitsForMore() {
        CallMix mix = new CallMix();
        Recorder raw = new Recorder(true);
        mix.add(raw, 0);
        byte[] caller = bytes(1600 + 1600 + 100 + 60, 5); // the simulation's 200 ms frames, then odd sizes
        mix.callerFrame(b64(Arrays.copyOfRange(caller, 0, 1600)));
        assertEquals(10, raw.frames.size(), "200 ms: ten frames");
        mix.callerFrame(b64(Arrays.copyOfRange(caller, 1600, 3200)));
        mix.callerFrame(b64(Arrays.copyOfRange(caller, 3200, 3300)));
        assertEquals(20, raw.frames.size(), "100 bytes wait for more");
        mix.callerFrame(b64(Arrays.copyOfRange(caller, 3300, 3360)));
        assertEquals(21, raw.frames.size());
        for (int i = 0; i < 21; i++) {
            assertArrayEquals(Arrays.copyOfRange(caller, i * 160, i * 160 + 160), raw.frames.get(i), "frame " + i);
        }
    }

    @Test
    void base64DecodesIntoABufferAsTheJdkDoes() {
        for (int n = 1; n < 40; n++) {
            byte[] b = bytes(n, n);
            byte[] out = new byte[n + 3];
            assertEquals(n, b64(b).decodeInto(out, 2));
            assertArrayEquals(b, Arrays.copyOfRange(out, 2, 2 + n), "length " + n);
        }
    }
}
