package app.highway.support;

import java.util.Base64;

/** GA Realtime server events as the real API writes them, for fakes to send. */
public final class ServerEvents {
    private static int counter;

    private ServerEvents() {
    }

    private static synchronized String id() {
        return "event_" + (++counter);
    }

    public static String sessionUpdated() {
        return "{\"type\":\"session.updated\",\"event_id\":\"" + id() + "\",\"session\":{\"type\":\"realtime\"}}";
    }

    public static String outputItemAdded(String responseId, String itemId) {
        return "{\"type\":\"response.output_item.added\",\"event_id\":\"" + id() + "\",\"response_id\":\"" + responseId
                + "\",\"output_index\":0,\"item\":{\"id\":\"" + itemId + "\",\"object\":\"realtime.item\","
                + "\"type\":\"message\",\"status\":\"in_progress\",\"role\":\"assistant\",\"content\":[]}}";
    }

    public static String audioDelta(String responseId, String itemId, byte[] mulaw) {
        return "{\"type\":\"response.output_audio.delta\",\"event_id\":\"" + id() + "\",\"response_id\":\""
                + responseId + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"" + Base64.getEncoder().encodeToString(mulaw) + "\"}";
    }

    public static String transcriptDelta(String responseId, String itemId, String delta) {
        return "{\"type\":\"response.output_audio_transcript.delta\",\"event_id\":\"" + id() + "\",\"response_id\":\""
                + responseId + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"" + delta + "\"}";
    }

    public static String transcriptDone(String responseId, String itemId, String transcript) {
        return "{\"type\":\"response.output_audio_transcript.done\",\"event_id\":\"" + id() + "\",\"response_id\":\""
                + responseId + "\",\"item_id\":\"" + itemId + "\",\"output_index\":0,\"content_index\":0,"
                + "\"transcript\":\"" + transcript + "\"}";
    }

    public static String speechStarted(String itemId, long audioStartMs) {
        return "{\"type\":\"input_audio_buffer.speech_started\",\"event_id\":\"" + id() + "\",\"audio_start_ms\":"
                + audioStartMs + ",\"item_id\":\"" + itemId + "\"}";
    }

    public static String speechStopped(String itemId, long audioEndMs) {
        return "{\"type\":\"input_audio_buffer.speech_stopped\",\"event_id\":\"" + id() + "\",\"audio_end_ms\":"
                + audioEndMs + ",\"item_id\":\"" + itemId + "\"}";
    }

    public static String inputTranscript(String itemId, String transcript) {
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"" + id()
                + "\",\"item_id\":\"" + itemId + "\",\"content_index\":0,\"transcript\":\"" + transcript + "\"}";
    }

    /**
     * The caller's transcript with the token usage of a model billed by tokens (gpt-4o-transcribe,
     * gpt-4o-mini-transcribe), as GA writes it.
     */
    public static String inputTranscript(String itemId, String transcript, long textIn, long audioIn, long textOut) {
        long in = textIn + audioIn;
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"" + id()
                + "\",\"item_id\":\"" + itemId + "\",\"content_index\":0,\"transcript\":\"" + transcript
                + "\",\"logprobs\":null,\"usage\":{\"type\":\"tokens\",\"total_tokens\":" + (in + textOut)
                + ",\"input_tokens\":" + in + ",\"input_token_details\":{\"text_tokens\":" + textIn
                + ",\"audio_tokens\":" + audioIn + "},\"output_tokens\":" + textOut + "}}";
    }

    /** The caller's transcript with the duration usage of a model billed by the minute (whisper-1). */
    public static String inputTranscript(String itemId, String transcript, double seconds) {
        return "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"event_id\":\"" + id()
                + "\",\"item_id\":\"" + itemId + "\",\"content_index\":0,\"transcript\":\"" + transcript
                + "\",\"usage\":{\"type\":\"duration\",\"seconds\":" + seconds + "}}";
    }

    public static String functionCall(String responseId, String name, String callId, String argumentsJson) {
        return "{\"type\":\"response.function_call_arguments.done\",\"event_id\":\"" + id() + "\",\"response_id\":\""
                + responseId + "\",\"item_id\":\"item_fc_" + callId + "\",\"output_index\":1,\"call_id\":\"" + callId
                + "\",\"name\":\"" + name + "\",\"arguments\":\"" + argumentsJson.replace("\"", "\\\"") + "\"}";
    }

    /** {@code response.created}: a response is under way (until its {@code response.done}). */
    public static String responseCreated(String responseId) {
        return "{\"type\":\"response.created\",\"event_id\":\"" + id() + "\",\"response\":{\"id\":\"" + responseId
                + "\",\"object\":\"realtime.response\",\"status\":\"in_progress\",\"status_details\":null,"
                + "\"output\":[],\"usage\":null}}";
    }

    /** {@code response.done} with the GA usage object. */
    public static String responseDone(String responseId, long textIn, long audioIn, long cachedText, long textOut,
            long audioOut) {
        long in = textIn + audioIn;
        long out = textOut + audioOut;
        return "{\"type\":\"response.done\",\"event_id\":\"" + id() + "\",\"response\":{\"id\":\"" + responseId
                + "\",\"object\":\"realtime.response\",\"status\":\"completed\",\"status_details\":null,"
                + "\"output\":[],\"usage\":{\"total_tokens\":" + (in + out) + ",\"input_tokens\":" + in
                + ",\"output_tokens\":" + out + ",\"input_token_details\":{\"text_tokens\":" + textIn
                + ",\"audio_tokens\":" + audioIn + ",\"image_tokens\":0,\"cached_tokens\":" + cachedText
                + ",\"cached_tokens_details\":{\"text_tokens\":" + cachedText + ",\"audio_tokens\":0,"
                + "\"image_tokens\":0}},\"output_token_details\":{\"text_tokens\":" + textOut + ",\"audio_tokens\":"
                + audioOut + "}}}}";
    }

    public static String error(String code, String message, String clientEventId) {
        return "{\"type\":\"error\",\"event_id\":\"" + id() + "\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"param\":null,\"event_id\":"
                + (clientEventId == null ? "null" : "\"" + clientEventId + "\"") + "}}";
    }

    /** {@code n} bytes of μ-law "speech" (not silence), so a frame is recognisable. */
    public static byte[] audio(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }
}
