package app.highway.realtime;

import app.highway.config.CallSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * GPT-Live's {@code session.start} for a phone call ({@link LiveEvents}): the model, the conversation
 * instructions, μ-law 8 kHz both ways (Twilio's format, relayed without transcoding), a voice GPT-Live
 * knows, and the bridge's two {@link Tools} declared as function tools of the Responses delegation (GPT-Live
 * runs tools through its backend, not through the voice model). The session object is strict (unknown
 * fields are rejected), so none of the Realtime settings GPT-Live does not accept are sent: turn detection,
 * transcription model, temperature.
 */
public final class LiveSessionStart {
    /** The voice names GPT-Live documents; another name is replaced by {@link #DEFAULT_VOICE}. */
    public static final List<String> VOICES = CallSettings.LIVE_VOICES;
    public static final String DEFAULT_VOICE = "marin";
    /** μ-law at 8 kHz: Twilio Media Streams' own format. */
    static final String AUDIO_FORMAT = "audio/pcmu";
    static final int AUDIO_RATE = 8000;

    private LiveSessionStart() {
    }

    /** The voice sent for this setting: the setting itself if GPT-Live has it, else {@link #DEFAULT_VOICE}. */
    public static String voice(String configured) {
        return VOICES.contains(configured) ? configured : DEFAULT_VOICE;
    }

    public static ObjectNode build(ObjectMapper json, CallSettings s) {
        ObjectNode root = json.createObjectNode();
        root.put("type", LiveEvents.SESSION_START);
        root.put("event_id", LiveEvents.START_EVENT_ID);
        ObjectNode session = root.putObject("session");
        session.put("model", s.model());
        session.put("instructions", s.instructions());
        ObjectNode audio = session.putObject("audio");
        audio.putObject("format").put("type", AUDIO_FORMAT).put("rate", AUDIO_RATE);
        audio.putObject("output").put("voice", voice(s.voice()));

        ObjectNode delegation = session.putObject("delegation");
        delegation.put("type", "responses");
        ObjectNode responses = delegation.putObject("responses");
        ArrayNode tools = responses.putArray("tools");
        Tools.define(tools);
        responses.put("tool_choice", "auto");
        return root;
    }
}
