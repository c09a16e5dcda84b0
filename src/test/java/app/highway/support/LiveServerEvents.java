package app.highway.support;

import java.util.Base64;

/**
 * GPT-Live server events as the fake sends them, in the shapes {@code app.highway.realtime.LiveEvents} lists
 * with their sources (OpenAI's GPT-Live guides, Microsoft's GPT-Live event reference, LiveKit's and Twilio's
 * GPT-Live adapters). Audio carries no item id: GPT-Live has none.
 */
public final class LiveServerEvents {
    private LiveServerEvents() {
    }

    public static String sessionStarted() {
        return "{\"type\":\"session.started\",\"session\":{\"id\":\"live_test\",\"model\":\"gpt-live-1\"}}";
    }

    public static String audioDelta(byte[] mulaw) {
        return "{\"type\":\"session.output_audio.delta\",\"delta\":\"" + Base64.getEncoder().encodeToString(mulaw)
                + "\"}";
    }

    public static String outputTranscript(String delta) {
        return "{\"type\":\"session.output_transcript.delta\",\"delta\":" + quote(delta) + "}";
    }

    public static String inputTranscript(String delta) {
        return "{\"type\":\"session.input_transcript.delta\",\"delta\":" + quote(delta) + "}";
    }

    public static String delegationCreated(String delegationId) {
        return "{\"type\":\"session.delegation.created\",\"delegation\":{\"id\":\"" + delegationId
                + "\",\"type\":\"delegation\",\"target\":\"responses\"}}";
    }

    public static String responseCreated(String delegationId) {
        return responseEvent(delegationId, "{\"type\":\"response.created\",\"response\":{\"id\":\"resp_"
                + delegationId + "\"}}");
    }

    public static String functionCall(String delegationId, String name, String callId, String argumentsJson) {
        return responseEvent(delegationId, "{\"type\":\"response.output_item.done\",\"item\":{\"id\":\"fc_" + callId
                + "\",\"type\":\"function_call\",\"status\":\"completed\",\"call_id\":\"" + callId + "\",\"name\":\""
                + name + "\",\"arguments\":" + quote(argumentsJson) + "}}");
    }

    public static String responseCompleted(String delegationId) {
        return responseEvent(delegationId, "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_"
                + delegationId + "\",\"usage\":{\"input_tokens\":120,\"output_tokens\":12,\"total_tokens\":132}}}");
    }

    public static String usageUpdated(double seconds) {
        return "{\"type\":\"session.usage.updated\",\"usage\":{\"seconds\":" + seconds + "}}";
    }

    public static String sessionClosed(String reason, double seconds) {
        return "{\"type\":\"session.closed\",\"reason\":\"" + reason + "\",\"usage\":{\"seconds\":" + seconds + "}}";
    }

    public static String error(String code, String message, String clientEventId) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"code\":\"" + code
                + "\",\"message\":" + quote(message) + ",\"client_event_id\":"
                + (clientEventId == null ? "null" : "\"" + clientEventId + "\"") + "}}";
    }

    private static String responseEvent(String delegationId, String event) {
        return "{\"type\":\"response.event\",\"delegation_id\":\"" + delegationId + "\",\"event\":" + event + "}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
