package app.highway.support;

import app.highway.audiolink.AudioFrame;
import app.highway.audiolink.AudioSource;
import app.highway.sound.AudioDevices;
import app.highway.sound.Playback;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Speakers and a microphone for machines without either (CI): a sink that records every frame it is given
 * (and hands it to "the line" at once), and a source that produces numbered 20 ms frames when told to.
 */
public final class TestAudio implements AudioDevices {
    private final boolean output;
    private final boolean input;
    public final List<RecordingSink> sinks = new CopyOnWriteArrayList<>();
    public final List<ScriptedSource> sources = new CopyOnWriteArrayList<>();

    public TestAudio(boolean output, boolean input) {
        this.output = output;
        this.input = input;
    }

    /** A computer with speakers and a microphone. */
    public static TestAudio present() {
        return new TestAudio(true, true);
    }

    /** A server: neither. */
    public static TestAudio absent() {
        return new TestAudio(false, false);
    }

    @Override
    public Optional<String> outputProblem() {
        return output ? Optional.empty() : Optional.of(NO_OUTPUT);
    }

    @Override
    public Optional<String> inputProblem() {
        return input ? Optional.empty() : Optional.of(NO_INPUT);
    }

    @Override
    public Playback output() {
        RecordingSink sink = new RecordingSink();
        sinks.add(sink);
        return sink;
    }

    @Override
    public AudioSource input() {
        ScriptedSource source = new ScriptedSource();
        sources.add(source);
        return source;
    }

    /** Records what it is asked to play, in arrival order. */
    public static final class RecordingSink implements Playback {
        private final List<AudioFrame> frames = new ArrayList<>();
        private volatile Consumer<AudioFrame> handed;
        private volatile boolean open;
        private volatile boolean closed;
        private volatile int volume = 80;

        @Override
        public void open(Consumer<AudioFrame> onHanded) {
            handed = onHanded;
            open = true;
        }

        @Override
        public void play(AudioFrame frame) {
            synchronized (frames) {
                frames.add(frame);
            }
            handed.accept(frame);
        }

        @Override
        public void close() {
            closed = true;
        }

        public List<AudioFrame> frames() {
            synchronized (frames) {
                return List.copyOf(frames);
            }
        }

        public boolean isOpen() {
            return open && !closed;
        }

        public boolean isClosed() {
            return closed;
        }

        @Override
        public void volume(int percent) {
            volume = percent;
        }

        @Override
        public int volume() {
            return volume;
        }
    }

    /** A microphone that delivers a frame (every byte {@code n % 256}) each time {@link #speak} is called. */
    public static final class ScriptedSource implements AudioSource {
        private volatile Consumer<byte[]> frames;
        private volatile boolean stopped;
        private int n;

        @Override
        public void start(Consumer<byte[]> onFrame) {
            frames = onFrame;
        }

        /** Delivers {@code count} frames, as a microphone would every 20 ms. */
        public synchronized void speak(int count) {
            for (int i = 0; i < count && !stopped && frames != null; i++) {
                byte[] audio = new byte[AudioFrame.AUDIO_BYTES];
                java.util.Arrays.fill(audio, (byte) (n++ % 256));
                frames.accept(audio);
            }
        }

        @Override
        public void stop() {
            stopped = true;
        }

        public boolean isStarted() {
            return frames != null && !stopped;
        }

        public boolean isStopped() {
            return stopped;
        }
    }
}
