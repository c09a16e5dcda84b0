package app.highway.sound;

import app.highway.audio.MuLaw;
import app.highway.audiolink.AudioFrame;
import app.highway.audiolink.AudioSource;
import java.util.function.Consumer;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The computer's microphone as a take-over's voice: a {@link TargetDataLine} at 8 kHz, 16-bit mono, read 20 ms
 * at a time on a thread of its own and encoded to G.711 μ-law ({@code audio.MuLaw}).
 */
public final class Microphone implements AudioSource {
    private static final Logger log = LoggerFactory.getLogger(Microphone.class);
    static final AudioFormat FORMAT = new AudioFormat(MuLaw.SAMPLE_RATE, 16, 1, true, false);

    private volatile boolean running;
    private TargetDataLine line;

    @Override
    public synchronized void start(Consumer<byte[]> frames) {
        if (running) {
            return;
        }
        try {
            line = AudioSystem.getTargetDataLine(FORMAT);
            line.open(FORMAT, AudioFrame.AUDIO_BYTES * 2 * 4);
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IllegalStateException("The microphone is busy or unavailable: " + e.getMessage(), e);
        }
        line.start();
        running = true;
        TargetDataLine in = line;
        Thread t = new Thread(() -> capture(in, frames), "microphone");
        t.setDaemon(true);
        t.start();
    }

    private void capture(TargetDataLine in, Consumer<byte[]> frames) {
        byte[] pcm = new byte[AudioFrame.AUDIO_BYTES * 2];
        try {
            while (running) {
                int n = 0;
                while (n < pcm.length && running) {
                    int r = in.read(pcm, n, pcm.length - n); // blocks until the device delivers
                    if (r <= 0 && !in.isOpen()) {
                        return;
                    }
                    n += Math.max(0, r);
                }
                if (running) {
                    frames.accept(encode(pcm));
                }
            }
        } catch (RuntimeException e) {
            log.warn("Capture stopped: {}", e.toString());
        }
    }

    /** 16-bit little-endian PCM to μ-law, one byte a sample. */
    static byte[] encode(byte[] pcm) {
        byte[] ulaw = new byte[pcm.length / 2];
        for (int i = 0; i < ulaw.length; i++) {
            int s = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
            ulaw[i] = MuLaw.encode(s);
        }
        return ulaw;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (line != null) {
            line.stop();
            line.close();
            line = null;
        }
    }
}
