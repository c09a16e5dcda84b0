package app.highway.audiolink;

import java.util.function.Consumer;

/**
 * Where a console's voice comes from when it takes a call over: the microphone ({@code sound.Microphone}) or,
 * in tests, a source that produces known frames.
 */
public interface AudioSource {
    /**
     * Starts capturing: {@code frames} gets {@link AudioFrame#AUDIO_BYTES} bytes of G.711 μ-law (8 kHz mono,
     * 20 ms) each time the device delivers them, on the source's own thread.
     */
    void start(Consumer<byte[]> frames);

    /** Stops capturing and lets go of the device. */
    void stop();
}
