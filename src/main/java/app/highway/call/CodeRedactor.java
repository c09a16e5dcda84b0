package app.highway.call;

import java.util.regex.Pattern;

/**
 * Finds a verification code in text, written as digits ("482136", "4 8 2, 1 3 6") or spoken as
 * words ("four eight two one three six"), and replaces it, so records never hold the code.
 * Only the pattern is kept, not the code as such.
 */
public final class CodeRedactor {
    public static final String MASK = "[code]";
    private static final String[] WORDS = {"zero|oh", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine"};
    private static final CodeRedactor NONE = new CodeRedactor(null);
    private final Pattern pattern;

    private CodeRedactor(Pattern pattern) {
        this.pattern = pattern;
    }

    public static CodeRedactor none() {
        return NONE;
    }

    public static CodeRedactor forCode(String code) {
        if (code == null || !code.matches("[0-9]+")) {
            return NONE;
        }
        StringBuilder regex = new StringBuilder("(?<![0-9])");
        for (int i = 0; i < code.length(); i++) {
            int d = code.charAt(i) - '0';
            if (i > 0) {
                regex.append("[\\s,.;:\\-–—]*");
            }
            regex.append("(?:").append(d).append('|').append(WORDS[d]).append(')');
        }
        regex.append("(?![0-9])");
        return new CodeRedactor(Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
    }

    public String redact(String text) {
        if (pattern == null || text == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(MASK);
    }
}
