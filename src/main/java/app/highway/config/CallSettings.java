package app.highway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the assistant is told and how it listens, for one call. Edited in the console, persisted
 * in the data dir, applied to the next call; a call keeps the settings it started with.
 * {@code transferNumber} (E.164, or null) is where a supervisor's transfer sends a live call unless they
 * type another number; the bridge reads it when the transfer is made, not when the call started.
 */
public record CallSettings(
        String model,
        String voice,
        double temperature,
        double vadThreshold,
        int prefixPaddingMs,
        int silenceDurationMs,
        String transcriptionModel,
        int maxCallSeconds,
        int ringTimeoutSeconds,
        String instructions,
        String verificationTemplate,
        int promptVersion,
        String transferNumber) {

    /** An E.164 number: a plus, the country code and the number, 7 to 15 digits in all. */
    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+[1-9][0-9]{6,14}");

    public CallSettings {
        transferNumber = transferNumber == null || transferNumber.isBlank() ? null : transferNumber.strip();
    }

    /** Settings without a transfer number. */
    public CallSettings(String model, String voice, double temperature, double vadThreshold, int prefixPaddingMs,
            int silenceDurationMs, String transcriptionModel, int maxCallSeconds, int ringTimeoutSeconds,
            String instructions, String verificationTemplate, int promptVersion) {
        this(model, voice, temperature, vadThreshold, prefixPaddingMs, silenceDurationMs, transcriptionModel,
                maxCallSeconds, ringTimeoutSeconds, instructions, verificationTemplate, promptVersion, null);
    }

    /** The same settings with another model (the next call speaks that model's dialect). */
    public CallSettings withModel(String newModel) {
        return new CallSettings(newModel, voice, temperature, vadThreshold, prefixPaddingMs, silenceDurationMs,
                transcriptionModel, maxCallSeconds, ringTimeoutSeconds, instructions, verificationTemplate,
                promptVersion, transferNumber);
    }

    /** The same settings with another transfer number (null or blank: none). */
    public CallSettings withTransferNumber(String number) {
        return new CallSettings(model, voice, temperature, vadThreshold, prefixPaddingMs, silenceDurationMs,
                transcriptionModel, maxCallSeconds, ringTimeoutSeconds, instructions, verificationTemplate,
                promptVersion, number);
    }

    /**
     * The original Highway system message, word for word except for its typo ("thinks" for "things"),
     * fixed here only: versions already saved keep their text.
     */
    public static final String SEED_SYSTEM_MESSAGE = "You are a cheerful phone assistant. You work for Olive "
            + "Financial and do very specific things that the SYSTEM tells you. The SYSTEM will speak to you in "
            + "the following format: `SYSTEM:(MESSAGE)`. You only do what is asked of you by SYSTEM and do not "
            + "ask any additional questions.";

    /**
     * {code} is replaced by the verification code, spaced digit by digit so it is read out clearly. The keypad
     * sentence matches the bridge's keys (1: hear the code again, 9: it was not me); versions already saved keep
     * their text.
     */
    public static final String DEFAULT_VERIFICATION_TEMPLATE = "SYSTEM:(Greet the customer and tell them you are "
            + "calling from Olive Financial with their verification code. Their verification code is {code}. Read "
            + "it digit by digit, then offer to repeat it once, and tell them they can also press 1 to hear it "
            + "again, or 9 if they did not ask for it. When the customer has it, or declines, thank them, "
            + "report the outcome with call_reflection_data, say goodbye and call hang_up_call.)";

    /** The GA voices; {@code shimmer} is the seed's choice. */
    public static final List<String> VOICES = List.of(
            "alloy", "ash", "ballad", "cedar", "coral", "echo", "marin", "sage", "shimmer", "verse");

    /**
     * GPT-Live's voices (LiveKit's {@code GPTLiveVoices}; OpenAI's examples use marin). A voice of one family is
     * kept when the model changes to the other, and that dialect then sends its own default ({@code marin},
     * which both have) instead of a name it would reject.
     */
    public static final List<String> LIVE_VOICES = List.of("aster", "beacon", "cinder", "marin", "stone", "vesper");

    public static final Set<String> TRANSCRIPTION_MODELS = Set.of(
            "whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe");

    public static CallSettings defaults(String model) {
        return new CallSettings(model, "shimmer", 0.6, 0.95, 300, 500, "gpt-4o-mini-transcribe",
                300, 30, SEED_SYSTEM_MESSAGE, DEFAULT_VERIFICATION_TEMPLATE, 1);
    }

    /** Human-readable problems; empty when the settings can be used for a call. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (model == null || model.isBlank()) {
            problems.add("model must not be empty");
        }
        if (!VOICES.contains(voice) && !LIVE_VOICES.contains(voice)) {
            problems.add("voice must be one of " + VOICES + " (Realtime) or " + LIVE_VOICES + " (GPT-Live)");
        }
        if (temperature < 0.6 || temperature > 1.2) {
            problems.add("temperature must be between 0.6 and 1.2");
        }
        if (vadThreshold < 0 || vadThreshold > 1) {
            problems.add("VAD threshold must be between 0 and 1");
        }
        if (prefixPaddingMs < 0 || prefixPaddingMs > 5000) {
            problems.add("prefix padding must be between 0 and 5000 ms");
        }
        if (silenceDurationMs < 100 || silenceDurationMs > 10000) {
            problems.add("silence duration must be between 100 and 10000 ms");
        }
        if (!TRANSCRIPTION_MODELS.contains(transcriptionModel)) {
            problems.add("transcription model must be one of " + TRANSCRIPTION_MODELS);
        }
        if (maxCallSeconds < 30 || maxCallSeconds > 3300) {
            problems.add("max call duration must be between 30 s and 55 min (the Realtime session limit is 60 min)");
        }
        if (ringTimeoutSeconds < 5 || ringTimeoutSeconds > 600) {
            problems.add("ring timeout must be between 5 and 600 s");
        }
        if (instructions == null || instructions.isBlank()) {
            problems.add("the system message must not be empty");
        }
        if (verificationTemplate == null || !verificationTemplate.contains("{code}")) {
            problems.add("the verification template must contain {code}");
        }
        if (transferNumber != null && !E164.matcher(transferNumber).matches()) {
            problems.add("the transfer number must be in E.164 form (a + followed by the country code and number, "
                    + "like +12025550123)");
        }
        return problems;
    }

    /** The same settings with another system message and template, saved as {@code version}. */
    public CallSettings withPrompt(String newInstructions, String newTemplate, int version) {
        return new CallSettings(model, voice, temperature, vadThreshold, prefixPaddingMs, silenceDurationMs,
                transcriptionModel, maxCallSeconds, ringTimeoutSeconds, newInstructions, newTemplate, version,
                transferNumber);
    }

    /** The text the model receives for a code, e.g. "... is 1 2 3 ...". */
    public String verificationMessage(String code) {
        return verificationTemplate.replace("{code}", String.join(" ", code.split("")));
    }
}
