package app.highway.audio;

import java.nio.charset.StandardCharsets;

/**
 * A chunk of μ-law audio as base64 text, seen where it lies: {@code bytes[offset, offset + length)},
 * ASCII. The relay copies it from one JSON envelope into the other without decoding it and without
 * making a {@code String} of it. A view is only valid while the call that hands it over runs (the
 * array is a socket's reused buffer); {@link #copy()} keeps one.
 */
public final class Base64Audio {
    private static final Base64Audio EMPTY = new Base64Audio(new byte[0], 0, 0);
    /** The base64 alphabet (without '='), as a lookup table: one load per byte on the frame path. */
    private static final boolean[] ALPHABET = new boolean[128];
    /** Each base64 character's six bits. */
    private static final int[] SEXTET = new int[128];

    static {
        char[] alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
        for (int i = 0; i < alphabet.length; i++) {
            ALPHABET[alphabet[i]] = true;
            SEXTET[alphabet[i]] = i;
        }
    }

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private Base64Audio(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /** A view (no copy) of {@code bytes[offset, offset + length)}. */
    public static Base64Audio view(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > bytes.length) {
            throw new IndexOutOfBoundsException(offset + "+" + length + " of " + bytes.length);
        }
        return new Base64Audio(bytes, offset, length);
    }

    /** The text as bytes (Latin-1: a character that is not ASCII stays invalid base64). */
    public static Base64Audio of(String base64) {
        return base64.isEmpty() ? EMPTY : new Base64Audio(base64.getBytes(StandardCharsets.ISO_8859_1), 0,
                base64.length());
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Standard base64 with padding; no allocation. */
    public boolean isValid() {
        return isBase64(bytes, offset, length);
    }

    /** Audio bytes it decodes to, without decoding it. */
    public int decodedLength() {
        if (length == 0) {
            return 0;
        }
        int end = offset + length;
        int padding = bytes[end - 1] != '=' ? 0 : length > 1 && bytes[end - 2] == '=' ? 2 : 1;
        return length / 4 * 3 - padding;
    }

    /** Milliseconds of μ-law at 8 kHz (8 bytes a millisecond), without decoding. */
    public long millis() {
        return decodedLength() / MuLaw.BYTES_PER_MS;
    }

    /**
     * Decodes the audio into {@code out} from {@code outOffset}, as far as it fits; returns the bytes
     * written. No allocation (the listen-in mix decodes every caller frame). Assumes {@link #isValid()}.
     */
    public int decodeInto(byte[] out, int outOffset) {
        int n = Math.min(decodedLength(), out.length - outOffset);
        int written = 0;
        int bits = 0;
        int buffered = 0;
        for (int i = offset, end = offset + length; i < end && written < n; i++) {
            int c = bytes[i];
            if (c == '=') {
                break;
            }
            bits = (bits << 6) | SEXTET[c];
            buffered += 6;
            if (buffered >= 8) {
                buffered -= 8;
                out[outOffset + written++] = (byte) (bits >> buffered);
            }
        }
        return written;
    }

    /** A copy that outlives the call it was handed over in. */
    public Base64Audio copy() {
        byte[] own = new byte[length];
        System.arraycopy(bytes, offset, own, 0, length);
        return new Base64Audio(own, 0, length);
    }

    /** Same text. */
    public boolean contentEquals(CharSequence text) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[offset + i] & 0xff) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text (allocates: for logs and tests, not the frame path). */
    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    /** Standard base64 with padding, by lookup table; no allocation. */
    public static boolean isBase64(byte[] b, int offset, int length) {
        if (length == 0 || length % 4 != 0) {
            return false;
        }
        int end = offset + length;
        int body = b[end - 1] != '=' ? end : b[end - 2] != '=' ? end - 1 : end - 2;
        for (int i = offset; i < body; i++) {
            int c = b[i];
            if (c < 0 || !ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }

    /** The same judgement on text. */
    public static boolean isBase64(CharSequence s) {
        int n = s.length();
        if (n == 0 || n % 4 != 0) {
            return false;
        }
        int body = s.charAt(n - 1) != '=' ? n : s.charAt(n - 2) != '=' ? n - 1 : n - 2;
        for (int i = 0; i < body; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }
}
