package app.highway.realtime;

import app.highway.config.CallSettings;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The GA dialect's {@code session.update} for a phone call: μ-law both ways, server VAD,
 * transcription, the two {@link Tools}. Its errors come back with {@link #EVENT_ID}.
 */
public final class SessionUpdate {
    public static final String EVENT_ID = "hw_session_update";

    private SessionUpdate() {
    }

    public static ObjectNode build(ObjectMapper json, CallSettings s) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "session.update");
        root.put("event_id", EVENT_ID);
        ObjectNode session = root.putObject("session");
        session.put("type", "realtime");
        session.put("model", s.model());
        session.putArray("output_modalities").add("audio");
        session.put("instructions", s.instructions());

        ObjectNode audio = session.putObject("audio");
        ObjectNode input = audio.putObject("input");
        input.putObject("format").put("type", "audio/pcmu");
        input.putObject("transcription").put("model", s.transcriptionModel());
        serverVad(input.putObject("turn_detection"), s, true);
        ObjectNode output = audio.putObject("output");
        output.putObject("format").put("type", "audio/pcmu");
        output.put("voice", voice(s.voice()));

        if (RealtimeDialect.acceptsTemperature(s.model())) {
            session.put("temperature", s.temperature());
        }

        ArrayNode tools = session.putArray("tools");
        Tools.define(tools);
        session.put("tool_choice", "auto");
        return root;
    }

    /**
     * A {@code session.update} that changes only the turn detection: the same server VAD, with the
     * model answering on its own at the end of the caller's turns or not ({@code respond}).
     */
    public static ObjectNode turnDetection(ObjectMapper json, CallSettings s, boolean respond) {
        ObjectNode root = json.createObjectNode();
        root.put("type", "session.update");
        root.put("event_id", respond ? "hw_turns_on" : "hw_turns_off");
        ObjectNode session = root.putObject("session");
        session.put("type", "realtime");
        serverVad(session.putObject("audio").putObject("input").putObject("turn_detection"), s, respond);
        return root;
    }

    /** The voice sent: the setting if the Realtime API has it, else marin (a GPT-Live voice kept for another model). */
    public static String voice(String configured) {
        return CallSettings.VOICES.contains(configured) ? configured : "marin";
    }

    private static void serverVad(ObjectNode vad, CallSettings s, boolean respond) {
        vad.put("type", "server_vad");
        vad.put("threshold", s.vadThreshold());
        vad.put("prefix_padding_ms", s.prefixPaddingMs());
        vad.put("silence_duration_ms", s.silenceDurationMs());
        vad.put("create_response", respond);
        vad.put("interrupt_response", respond);
    }
}
