package app.highway.ui.common;

import java.util.Locale;
import java.util.Map;

/**
 * The words people read for the bridge's machine values: end reasons, reflection statuses and tool
 * calls. One table, used by the board, the call detail, the history and the analytics; where a
 * value is shown in words, the raw value goes in its tooltip. A value not in a table reads as
 * itself with the underscores turned into spaces (so a new value is never hidden).
 */
public final class Words {
    private Words() {
    }

    private static final Map<String, String> REFLECTIONS = Map.of(
            "none", "None reported", // the analytics' key for calls without a reflection
            "successful_call", "Successful",
            "unsuccessful_call", "Unsuccessful",
            "user_hung_up", "User hung up",
            "system_error", "System error",
            "in_progress", "In progress");

    private static final Map<String, String> END_REASONS = Map.ofEntries(
            Map.entry("assistant_hung_up", "Assistant hung up"),
            Map.entry("caller_hung_up", "Hung up by the caller"),
            Map.entry("operator_hung_up", "Hung up by the operator"),
            Map.entry("max_duration", "Reached the maximum call duration"),
            Map.entry("ring_timeout", "Nobody answered in time"),
            Map.entry("no_answer", "No answer"),
            Map.entry("busy", "Line busy"),
            Map.entry("canceled", "Canceled before it was answered"),
            Map.entry("carrier_failed", "The carrier could not connect the call"),
            Map.entry("model_disconnected", "The AI model disconnected"),
            Map.entry("model_setup_failed", "The AI model could not be set up"),
            Map.entry("model_error", "The AI model reported an error"),
            Map.entry("openai_key_rejected", "OpenAI rejected the API key"),
            Map.entry("media_stream_lost", "The call's audio stream was lost"),
            Map.entry("twilio_rejected", "Twilio refused the call"),
            Map.entry("bridge_shutdown", "The bridge shut down"),
            Map.entry("bridge_restarted", "The bridge restarted during the call"),
            Map.entry("bridge_lost", "The bridge handling the call stopped; another bridge ended it"),
            Map.entry("voicemail", "An answering machine answered"),
            Map.entry("fax", "A fax machine answered"),
            Map.entry("not_me", "The callee said it was not them (keypad 9)"),
            Map.entry("no_machine_verdict", "No answering-machine verdict from Twilio: ended without the code"));

    private static final Map<String, String> TOOLS = Map.of(
            "hang_up_call", "Assistant hung up",
            "call_reflection_data", "Assistant reported the outcome");

    /** A reflection status in words ("" for none): {@code successful_call} reads "Successful". */
    public static String reflection(String status) {
        return status == null ? "" : REFLECTIONS.getOrDefault(status, plain(status));
    }

    /**
     * An end reason in words ("" for none); a reason may carry detail after a colon, which is kept:
     * {@code operator_hung_up} reads "Hung up by the operator".
     */
    public static String endReason(String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        int colon = reason.indexOf(':');
        String word = colon < 0 ? reason : reason.substring(0, colon);
        String detail = colon < 0 ? "" : reason.substring(colon + 1).strip();
        String words = END_REASONS.getOrDefault(word.strip(), plain(word.strip()));
        return detail.isEmpty() ? words : words + ": " + detail;
    }

    /** A tool the model called, in words: {@code hang_up_call} reads "Assistant hung up". */
    public static String tool(String name) {
        return name == null ? "" : TOOLS.getOrDefault(name, "Assistant called " + plain(name));
    }

    /**
     * A timeline entry's detail in words: a tool call ({@code hang_up_call {"hangup":true}}) names
     * the tool in words (a reflection also its status), an end reason reads as words; anything else
     * is already meant for people and is returned as it is.
     */
    public static String timelineDetail(String kind, String detail) {
        if (detail == null) {
            return "";
        }
        switch (kind == null ? "" : kind) {
            case "tool" -> {
                int space = detail.indexOf(' ');
                String name = space < 0 ? detail : detail.substring(0, space);
                String words = tool(name);
                if ("call_reflection_data".equals(name)) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"")
                            .matcher(detail);
                    if (m.find()) {
                        words += ": " + reflection(m.group(1));
                    }
                }
                return words;
            }
            case "ended", "ending" -> {
                return endReason(detail);
            }
            default -> {
                return detail;
            }
        }
    }

    private static String plain(String raw) {
        String s = raw.replace('_', ' ').strip();
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
