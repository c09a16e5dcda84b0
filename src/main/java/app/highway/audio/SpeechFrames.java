package app.highway.audio;

import java.util.Base64;
import java.util.List;

/**
 * Ready-made base64 μ-law frames of {@link SpeechLikeSignal}, computed once and shared, so that
 * simulating hundreds of calls costs a string lookup per frame instead of synthesis.
 */
public final class SpeechFrames {
    private static final int VOICES = 6;
    private static final int SECONDS = 3;
    private final List<String[]> speaking;
    private final List<String[]> quiet;
    private final int frameMs;

    public SpeechFrames(int frameMs) {
        this.frameMs = frameMs;
        int count = SECONDS * 1000 / frameMs;
        String[][] talk = new String[VOICES][count];
        String[][] silence = new String[VOICES][count];
        Base64.Encoder b64 = Base64.getEncoder();
        for (int v = 0; v < VOICES; v++) {
            SpeechLikeSignal voice = new SpeechLikeSignal(v * 7919L, 110 + v * 25);
            for (int i = 0; i < count; i++) {
                talk[v][i] = b64.encodeToString(voice.next(frameMs, true));
            }
            for (int i = 0; i < count; i++) {
                silence[v][i] = b64.encodeToString(voice.next(frameMs, false));
            }
        }
        this.speaking = List.of(talk);
        this.quiet = List.of(silence);
    }

    /** The frame at position {@code index} (wrapping) of voice {@code voice}. */
    public String frame(int voice, long index, boolean speakingNow) {
        String[] frames = (speakingNow ? speaking : quiet).get(Math.floorMod(voice, VOICES));
        return frames[(int) Math.floorMod(index, (long) frames.length)];
    }

    public int frameMs() {
        return frameMs;
    }
}
