package app.highway.audio;

import java.util.Random;

/**
 * A voice-like test signal (a buzzing "vowel" with syllable-rate loudness changes and short pauses)
 * encoded as μ-law, for the simulation and load tests: not silence, not a pure tone.
 */
public final class SpeechLikeSignal {
    private final Random random;
    private final double pitchHz;
    private long sampleIndex;

    public SpeechLikeSignal(long seed, double pitchHz) {
        this.random = new Random(seed);
        this.pitchHz = pitchHz;
    }

    /** The next {@code ms} milliseconds of signal; {@code speaking == false} gives quiet line noise. */
    public byte[] next(int ms, boolean speaking) {
        byte[] out = new byte[ms * MuLaw.BYTES_PER_MS];
        for (int i = 0; i < out.length; i++, sampleIndex++) {
            double t = sampleIndex / (double) MuLaw.SAMPLE_RATE;
            double sample = random.nextGaussian() * 40;
            if (speaking) {
                double syllable = Math.max(0, Math.sin(2 * Math.PI * 4.0 * t));
                double f0 = pitchHz * (1 + 0.05 * Math.sin(2 * Math.PI * 0.7 * t));
                double voice = Math.sin(2 * Math.PI * f0 * t) + 0.5 * Math.sin(2 * Math.PI * 2 * f0 * t)
                        + 0.3 * Math.sin(2 * Math.PI * 700 * t) * Math.sin(2 * Math.PI * f0 * t);
                sample += 6000 * syllable * voice;
            }
            out[i] = MuLaw.encode((int) Math.round(sample));
        }
        return out;
    }
}
