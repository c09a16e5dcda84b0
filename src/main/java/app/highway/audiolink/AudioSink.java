package app.highway.audiolink;

import java.util.function.Consumer;

/**
 * Where a console plays the audio of a call it listens to (or has taken over): the speakers
 * ({@code sound.Speakers}) or, in tests, a sink that records what it was given.
 *
 * <p>{@link #play} is called on the link's socket thread and must never block: a sink buffers and plays on a
 * thread of its own.
 */
public interface AudioSink {
    /**
     * A stream of frames begins. {@code handed} hears each frame at the moment it is handed to the audio line
     * (after the jitter buffer): the console measures the listen-in delay from it.
     */
    void open(Consumer<AudioFrame> handed);

    /** A frame as it arrived, in any order (never blocks). */
    void play(AudioFrame frame);

    /** The stream ended: stop playing and let go of the device. */
    void close();
}
