package app.highway.audio;

/** G.711 μ-law, the telephone codec Twilio streams at 8 kHz: 8 bytes per millisecond. */
public final class MuLaw {
    public static final int SAMPLE_RATE = 8000;
    public static final int BYTES_PER_MS = SAMPLE_RATE / 1000;
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;

    private MuLaw() {
    }

    /** Encodes one signed 16-bit linear PCM sample. */
    public static byte encode(int sample) {
        int sign = (sample >> 8) & 0x80;
        if (sign != 0) {
            sample = -sample;
        }
        if (sample > CLIP) {
            sample = CLIP;
        }
        sample += BIAS;
        int exponent = 7;
        for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
            exponent--;
        }
        int mantissa = (sample >> (exponent + 3)) & 0x0F;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    /** Decodes one μ-law byte to a signed 16-bit linear sample. */
    public static int decode(byte b) {
        int u = ~b & 0xFF;
        int sign = u & 0x80;
        int exponent = (u >> 4) & 0x07;
        int mantissa = u & 0x0F;
        int sample = ((mantissa << 3) + BIAS) << exponent;
        sample -= BIAS;
        return sign != 0 ? -sample : sample;
    }
}
