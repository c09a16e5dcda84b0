package app.highway.call;

import java.util.regex.Pattern;

/**
 * Finds a verification code in text, written as digits ("482136", "4 8 2, 1 3 6") or spoken as
 * words ("four eight two one three six"), and replaces it, so records never hold the code.
 * Only the pattern is kept, not the code as such. The code's first digits at the end of a text are
 * replaced too: a transcript line that grows while the assistant reads the code out shows none of it.
 */
public final class CodeRedactor {
    public static final String MASK = "[code]";
    private static final String[] WORDS = {"zero|oh", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine"};
    private static final CodeRedactor NONE = new CodeRedactor(null, null);
    private static final String SEPARATOR = "[\\s,.;:\\-–—]*";
    private final Pattern pattern;
    /** The code's first digits at the very end of a text: a line still growing while the code is read out. */
    private final Pattern trailingStart;

    private CodeRedactor(Pattern pattern, Pattern trailingStart) {
        this.pattern = pattern;
        this.trailingStart = trailingStart;
    }

    public static CodeRedactor none() {
        return NONE;
    }

    public static CodeRedactor forCode(String code) {
        if (code == null || !code.matches("[0-9]+")) {
            return NONE;
        }
        StringBuilder regex = new StringBuilder("(?<![0-9])");
        StringBuilder start = new StringBuilder("(?<![0-9])");
        for (int i = 0; i < code.length(); i++) {
            int d = code.charAt(i) - '0';
            if (i > 0) {
                regex.append(SEPARATOR);
                start.append("(?:").append(SEPARATOR);
            }
            regex.append("(?:").append(d).append('|').append(WORDS[d]).append(')');
            start.append(d); // digits only: a line ending in "one" or "four" is too common to mask
        }
        regex.append("(?![0-9])");
        start.append(")?".repeat(code.length() - 1)).append(SEPARATOR).append("\\z");
        return new CodeRedactor(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE),
                Pattern.compile(start.toString(), Pattern.CASE_INSENSITIVE));
    }

    public String redact(String text) {
        if (pattern == null || text == null) {
            return text;
        }
        String whole = pattern.matcher(text).replaceAll(MASK);
        // "Your code is 4, 8," while the line grows: its first digits are the code's too
        return trailingStart.matcher(whole).replaceFirst(MASK);
    }
}
