package app.highway.usage;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What transcribing the caller used, as the Realtime API reports it with each
 * {@code conversation.item.input_audio_transcription.completed}. Two kinds, by how the transcription
 * model is billed: {@code "type": "tokens"} (gpt-4o-transcribe, gpt-4o-mini-transcribe: input audio and
 * text tokens, output text tokens) or {@code "type": "duration"} (whisper-1: seconds of audio). A call
 * adds them up; a sum may hold both kinds (the settings can change between reconnects, not within a call,
 * but nothing here depends on that).
 */
public record TranscriptionUsage(
        long inputTokens,
        long inputTextTokens,
        long inputAudioTokens,
        long outputTokens,
        long totalTokens,
        double seconds) {

    public static final TranscriptionUsage ZERO = new TranscriptionUsage(0, 0, 0, 0, 0, 0);

    public static TranscriptionUsage tokens(long inputTextTokens, long inputAudioTokens, long outputTokens) {
        long in = inputTextTokens + inputAudioTokens;
        return new TranscriptionUsage(in, inputTextTokens, inputAudioTokens, outputTokens, in + outputTokens, 0);
    }

    public static TranscriptionUsage duration(double seconds) {
        return new TranscriptionUsage(0, 0, 0, 0, 0, seconds);
    }

    public TranscriptionUsage plus(TranscriptionUsage o) {
        return new TranscriptionUsage(inputTokens + o.inputTokens, inputTextTokens + o.inputTextTokens,
                inputAudioTokens + o.inputAudioTokens, outputTokens + o.outputTokens, totalTokens + o.totalTokens,
                seconds + o.seconds);
    }

    @JsonIgnore // not a field of the records (API, exports)
    public boolean isZero() {
        return equals(ZERO);
    }

    /**
     * Reads the {@code usage} of a transcription-completed event; null when there is none (older servers
     * send none). Tolerant: a missing {@code type} is guessed from the fields, missing numbers count as 0,
     * input tokens without their text/audio split count as audio (what the caller's speech is), a
     * negative or non-numeric value as 0.
     */
    public static TranscriptionUsage fromRealtime(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        String type = usage.path("type").asText("");
        boolean duration = "duration".equals(type) || (type.isEmpty() && usage.has("seconds")
                && !usage.has("input_tokens") && !usage.has("total_tokens"));
        if (duration) {
            double seconds = usage.path("seconds").asDouble(0);
            return duration(Double.isFinite(seconds) && seconds > 0 ? seconds : 0);
        }
        long input = count(usage.path("input_tokens"));
        long output = count(usage.path("output_tokens"));
        JsonNode details = usage.path("input_token_details");
        long text = count(details.path("text_tokens"));
        long audio = details.has("audio_tokens") ? count(details.path("audio_tokens")) : Math.max(0, input - text);
        if (input == 0) {
            input = text + audio;
        }
        long total = usage.has("total_tokens") ? count(usage.path("total_tokens")) : input + output;
        return new TranscriptionUsage(input, text, audio, output, total, 0);
    }

    private static long count(JsonNode n) {
        return n.isNumber() ? Math.max(0, n.asLong()) : 0;
    }
}
