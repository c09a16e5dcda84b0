package app.highway.campaign;

import app.highway.config.CallSettings;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a row's variables into the system message and the verification template: {@code {{first_name}}}
 * becomes the row's {@code first_name} column. A value never brings braces or line breaks with it (it cannot
 * forge {@code {code}} or a {@code SYSTEM:} line); a variable the row lacks becomes empty.
 */
public final class Templates {
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    static final int MAX_VALUE = 200;

    private Templates() {
    }

    public static String render(String text, Map<String, String> variables) {
        if (text == null || text.indexOf("{{") < 0) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.getOrDefault(m.group(1).toLowerCase(java.util.Locale.ROOT), "");
            m.appendReplacement(out, Matcher.quoteReplacement(clean(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The call's settings with the row's variables filled in. */
    static CallSettings tailor(CallSettings settings, Map<String, String> variables) {
        return settings.withPrompt(render(settings.instructions(), variables),
                render(settings.verificationTemplate(), variables), settings.promptVersion());
    }

    /** A column name as a variable name: {@code First Name} becomes {@code first_name}. */
    public static String variableName(String column) {
        return column.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
    }

    private static String clean(String value) {
        String v = value.replaceAll("[{}\\r\\n\\t]", " ").strip();
        return v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) : v;
    }
}
