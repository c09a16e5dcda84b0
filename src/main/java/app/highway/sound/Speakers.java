package app.highway.sound;

import app.highway.audio.MuLaw;
import app.highway.audiolink.AudioFrame;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a call's μ-law frames on the computer's speakers: frames go through a {@link JitterBuffer} to a
 * thread of this player's own, which decodes them (G.711, as {@code audio.MuLaw}, the codec javax.sound's
 * ULAW conversion implements too: see the tests), applies the volume to the samples and writes them to a
 * {@link SourceDataLine} (16-bit PCM at 8 kHz, or 16/48 kHz where the device only offers those). The line's
 * small buffer paces the thread: {@code write} blocks until there is room. While the buffer fills, or when
 * a frame is missing, the line plays silence.
 */
public final class Speakers implements Playback {
    private static final Logger log = LoggerFactory.getLogger(Speakers.class);
    private static final int[] RATES = {8000, 16000, 48000};
    /** Frames of room in the line: enough to ride over a scheduling hiccup, little enough to keep the delay low. */
    private static final int LINE_FRAMES = 4;

    private final JitterBuffer jitter = JitterBuffer.standard();
    private volatile int volume = 80;
    private volatile boolean running;
    private Thread player;
    private SourceDataLine line;

    /** The line format the device takes, if any. */
    static Optional<AudioFormat> lineFormat() {
        for (int rate : RATES) {
            AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
            if (SystemAudio.playable(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void open(Consumer<AudioFrame> handed) {
        if (running) {
            return;
        }
        AudioFormat format = lineFormat().orElseThrow(() -> new IllegalStateException(AudioDevices.NO_OUTPUT));
        int factor = (int) format.getSampleRate() / MuLaw.SAMPLE_RATE;
        try {
            line = AudioSystem.getSourceDataLine(format);
            line.open(format, AudioFrame.AUDIO_BYTES * 2 * factor * LINE_FRAMES);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IllegalStateException("The audio output device is busy or unavailable: " + e.getMessage(), e);
        }
        line.start();
        synchronized (jitter) {
            jitter.clear();
        }
        running = true;
        SourceDataLine out = line;
        player = new Thread(() -> play(out, factor, handed), "speakers");
        player.setDaemon(true);
        player.start();
    }

    private void play(SourceDataLine out, int factor, Consumer<AudioFrame> handed) {
        byte[] pcm = new byte[AudioFrame.AUDIO_BYTES * 2 * factor];
        byte[] silence = new byte[AudioFrame.AUDIO_BYTES];
        java.util.Arrays.fill(silence, JitterBuffer.SILENCE);
        try {
            while (running) {
                Optional<AudioFrame> next;
                synchronized (jitter) {
                    next = jitter.poll();
                }
                byte[] ulaw = next.map(AudioFrame::audio).orElse(silence);
                decode(ulaw, volume, factor, pcm);
                if (next.isPresent() && !JitterBuffer.isConcealment(next.get())) {
                    handed.accept(next.get());
                }
                out.write(pcm, 0, pcm.length); // blocks until the line has room: the pace of playback
            }
        } catch (RuntimeException e) {
            log.warn("Playback stopped: {}", e.toString());
        }
    }

    /** μ-law to 16-bit little-endian PCM at {@code volume} percent, each sample repeated {@code factor} times. */
    static void decode(byte[] ulaw, int volume, int factor, byte[] pcm) {
        double gain = volume / 100.0;
        int o = 0;
        for (byte b : ulaw) {
            int s = (int) Math.round(MuLaw.decode(b) * gain);
            for (int i = 0; i < factor; i++) {
                pcm[o++] = (byte) s;
                pcm[o++] = (byte) (s >> 8);
            }
        }
    }

    @Override
    public void play(AudioFrame frame) {
        synchronized (jitter) {
            jitter.offer(frame);
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        if (line != null) {
            line.stop();
            line.flush();
            line.close();
            line = null;
        }
        player = null;
    }

    @Override
    public void volume(int percent) {
        volume = Math.max(0, Math.min(100, percent));
    }

    @Override
    public int volume() {
        return volume;
    }

    /** What the jitter buffer did so far. */
    public JitterBuffer.Stats stats() {
        synchronized (jitter) {
            return jitter.stats();
        }
    }
}
