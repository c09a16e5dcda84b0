package app.highway.control;

import app.highway.config.CallSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What changed between two call settings, in words for the audit log: "voice shimmer → alloy,
 * temperature 0.6 → 0.8". The system message and the template are named, not quoted (they are long,
 * and the prompt history keeps every version).
 */
final class SettingsChange {
    private SettingsChange() {
    }

    /** Whether only the system message (its text, template or version) differs. */
    static boolean onlyPrompt(CallSettings before, CallSettings after) {
        return after.equals(before.withPrompt(after.instructions(), after.verificationTemplate(),
                after.promptVersion()));
    }

    static String describe(CallSettings before, CallSettings after) {
        List<String> changes = new ArrayList<>();
        field(changes, "model", before, after, CallSettings::model);
        field(changes, "voice", before, after, CallSettings::voice);
        field(changes, "temperature", before, after, CallSettings::temperature);
        field(changes, "VAD threshold", before, after, CallSettings::vadThreshold);
        field(changes, "prefix padding ms", before, after, CallSettings::prefixPaddingMs);
        field(changes, "silence ms", before, after, CallSettings::silenceDurationMs);
        field(changes, "transcription model", before, after, CallSettings::transcriptionModel);
        field(changes, "max call s", before, after, CallSettings::maxCallSeconds);
        field(changes, "ring timeout s", before, after, CallSettings::ringTimeoutSeconds);
        field(changes, "system message version", before, after, CallSettings::promptVersion);
        field(changes, "transfer number", before, after, CallSettings::transferNumber);
        if (!Objects.equals(before.instructions(), after.instructions())) {
            changes.add("system message text");
        }
        if (!Objects.equals(before.verificationTemplate(), after.verificationTemplate())) {
            changes.add("verification template");
        }
        return changes.isEmpty() ? "saved unchanged" : String.join(", ", changes);
    }

    private static void field(List<String> changes, String name, CallSettings before, CallSettings after,
            Function<CallSettings, Object> value) {
        Object a = value.apply(before);
        Object b = value.apply(after);
        if (!Objects.equals(a, b)) {
            changes.add(name + " " + a + " → " + b);
        }
    }
}
