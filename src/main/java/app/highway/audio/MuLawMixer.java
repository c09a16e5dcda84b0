package app.highway.audio;

import java.util.Arrays;

/**
 * Mixes two tracks of G.711 μ-law the way a telephone line adds voices: each sample decoded to
 * linear, the two summed, clipped to 16 bits, and encoded again. Tables and a caller's buffers only:
 * no allocation, meant for the relay loop (50 frames a second per listened call).
 */
public final class MuLawMixer {
    /** μ-law's silence (linear 0). */
    public static final byte SILENCE = (byte) 0xFF;
    private static final short[] LINEAR = new short[256];

    static {
        for (int i = 0; i < 256; i++) {
            LINEAR[i] = (short) MuLaw.decode((byte) i);
        }
    }

    private MuLawMixer() {
    }

    /** The linear value of one μ-law byte (by table). */
    public static int linear(byte b) {
        return LINEAR[b & 0xFF];
    }

    /**
     * {@code out[0, n)} = the mix of {@code a[0, n)} and {@code b[0, bLength)}; past {@code bLength},
     * {@code a} alone (re-encoded: the same bytes but for μ-law's two zeros, which both become 0xFF).
     */
    public static void mix(byte[] a, byte[] b, int bLength, byte[] out, int n) {
        for (int i = 0; i < n; i++) {
            int sum = LINEAR[a[i] & 0xFF] + (i < bLength ? LINEAR[b[i] & 0xFF] : 0);
            if (sum > Short.MAX_VALUE) {
                sum = Short.MAX_VALUE;
            } else if (sum < Short.MIN_VALUE) {
                sum = Short.MIN_VALUE;
            }
            out[i] = MuLaw.encode(sum);
        }
    }

    /** {@code n} bytes of silence. */
    public static byte[] silence(int n) {
        byte[] s = new byte[n];
        Arrays.fill(s, SILENCE);
        return s;
    }
}
