package app.highway.sound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.audiolink.AudioFrame;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class JitterBufferTest {

    private static AudioFrame frame(long seq) {
        byte[] audio = new byte[AudioFrame.AUDIO_BYTES];
        Arrays.fill(audio, (byte) seq);
        return new AudioFrame(seq, 1_000_000 + seq, audio);
    }

    /** What the player hands to the line over {@code polls} turns: sequence numbers, -1 for "nothing yet". */
    private static List<Long> drain(JitterBuffer b, int polls) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < polls; i++) {
            Optional<AudioFrame> f = b.poll();
            out.add(f.map(AudioFrame::seq).orElse(-1L));
        }
        return out;
    }

    @Test
    void playbackStartsOnceThreeFramesAreHeld() {
        JitterBuffer b = JitterBuffer.standard();
        b.offer(frame(0));
        b.offer(frame(1));
        assertEquals(List.of(-1L, -1L), drain(b, 2), "two frames: still filling");
        b.offer(frame(2));
        assertEquals(List.of(0L, 1L, 2L), drain(b, 3));
        assertEquals(3, b.stats().played());
    }

    @Test
    void framesThatCameOutOfOrderArePlayedInOrder() {
        JitterBuffer b = JitterBuffer.standard();
        for (long seq : new long[] {1, 0, 3, 2, 4}) {
            b.offer(frame(seq));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), drain(b, 5));
    }

    @Test
    void aMissingFrameIsConcealedWithSilenceAndTheRestPlaysOnTime() {
        JitterBuffer b = JitterBuffer.standard();
        for (long seq : new long[] {0, 1, 3, 4}) {
            b.offer(frame(seq));
        }
        List<AudioFrame> played = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            played.add(b.poll().orElseThrow());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), played.stream().map(AudioFrame::seq).toList());
        AudioFrame concealed = played.get(2);
        assertTrue(JitterBuffer.isConcealment(concealed));
        byte[] silence = new byte[AudioFrame.AUDIO_BYTES];
        Arrays.fill(silence, (byte) 0xFF);
        assertArrayEquals(silence, concealed.audio(), "μ-law silence");
        assertEquals(1, b.stats().concealed());
        // the missing frame arriving after its turn is not played late
        b.offer(frame(2));
        assertEquals(1, b.stats().dropped());
    }

    @Test
    void beyondTwoHundredMillisecondsTheOldestFramesAreDropped() {
        JitterBuffer b = JitterBuffer.standard();
        for (long seq = 0; seq < 15; seq++) { // 300 ms arrive at once (a stall, then a burst)
            b.offer(frame(seq));
        }
        assertEquals(10, b.stats().waiting(), "never more than 200 ms waiting");
        assertEquals(5, b.stats().dropped());
        assertEquals(List.of(5L, 6L, 7L), drain(b, 3), "playback goes on with the newest 200 ms");
    }

    @Test
    void aBufferThatRanDryFillsAgainBeforePlayingOn() {
        JitterBuffer b = JitterBuffer.standard();
        for (long seq = 0; seq < 3; seq++) {
            b.offer(frame(seq));
        }
        assertEquals(List.of(0L, 1L, 2L, -1L), drain(b, 4));
        assertEquals(1, b.stats().underruns());
        b.offer(frame(3));
        b.offer(frame(4));
        assertEquals(List.of(-1L), drain(b, 1), "two frames after running dry: still filling");
        b.offer(frame(5));
        assertEquals(List.of(3L, 4L, 5L), drain(b, 3));
    }
}
