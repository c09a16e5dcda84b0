package app.highway.realtime;

import app.highway.config.CallSettings;
import java.util.Locale;

/**
 * Which dialect a model speaks and which session fields it accepts. {@code gpt-live-*} models speak GPT-Live
 * ({@link LiveDialect}); every other model the Realtime API's GA dialect ({@link GaDialect}; the beta dialect,
 * header {@code OpenAI-Beta: realtime=v1}, is shut down). The GA dialect rejects {@code temperature} in both
 * {@code session.update} and {@code response.create}; GPT-Live's strict session has no temperature, turn
 * detection or transcription model, and its own voices. Settings a dialect does not accept are kept, not sent.
 */
public final class RealtimeDialect {
    /** The dialect names a call records (from its model) and History compares. */
    public static final String REALTIME = "Realtime";
    public static final String GPT_LIVE = "GPT-Live";

    public static final String TEMPERATURE_NOTE = "Not sent: the GA Realtime API (gpt-realtime models) does not "
            + "accept temperature, nor does GPT-Live. The value is kept and sent only to an API version that accepts it.";

    private RealtimeDialect() {
    }

    /** True for the models that speak GPT-Live. */
    public static boolean isGptLive(String model) {
        return model != null && model.strip().toLowerCase(Locale.ROOT).startsWith("gpt-live");
    }

    /** {@link #GPT_LIVE} or {@link #REALTIME}: the dialect the next call with {@code model} speaks. */
    public static String of(String model) {
        return isGptLive(model) ? GPT_LIVE : REALTIME;
    }

    /** For the settings sheet: the dialect of {@code model} and what of the settings it takes. */
    public static String settingsNote(String model) {
        if (isGptLive(model)) {
            return "Speaks GPT-Live (wss://…/v1/live/sessions). Voices: " + String.join(", ", CallSettings.LIVE_VOICES)
                    + " (another voice is kept; marin is sent). Temperature, turn detection and the transcription "
                    + "model are kept but not sent: GPT-Live listens full duplex and transcribes by itself. "
                    + "Limited access: the key must be enrolled in OpenAI's GPT-Live program.";
        }
        return "Speaks the Realtime API (GA, wss://…/v1/realtime). Voices: " + String.join(", ", CallSettings.VOICES)
                + ". Turn detection and the transcription model apply; temperature is kept but not sent.";
    }

    /** True for the models the bridge knows to accept a temperature; none of the GA or GPT-Live models do. */
    public static boolean acceptsTemperature(String model) {
        return false;
    }
}
