package app.highway.usage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Token usage as the Realtime API reports it in {@code response.done}: totals plus the
 * text/audio/cached split. {@code cached*} tokens are part of the input tokens.
 */
public record Usage(
        long inputTokens,
        long outputTokens,
        long totalTokens,
        long inputTextTokens,
        long inputAudioTokens,
        long cachedTokens,
        long cachedTextTokens,
        long cachedAudioTokens,
        long outputTextTokens,
        long outputAudioTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Usage plus(Usage o) {
        return new Usage(inputTokens + o.inputTokens, outputTokens + o.outputTokens, totalTokens + o.totalTokens,
                inputTextTokens + o.inputTextTokens, inputAudioTokens + o.inputAudioTokens,
                cachedTokens + o.cachedTokens, cachedTextTokens + o.cachedTextTokens,
                cachedAudioTokens + o.cachedAudioTokens, outputTextTokens + o.outputTextTokens,
                outputAudioTokens + o.outputAudioTokens);
    }

    /** Reads the GA {@code response.usage} object; missing fields count as 0. */
    public static Usage fromRealtime(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return ZERO;
        }
        JsonNode in = usage.path("input_token_details");
        JsonNode cached = in.path("cached_tokens_details");
        JsonNode out = usage.path("output_token_details");
        return new Usage(
                usage.path("input_tokens").asLong(0),
                usage.path("output_tokens").asLong(0),
                usage.path("total_tokens").asLong(0),
                in.path("text_tokens").asLong(0),
                in.path("audio_tokens").asLong(0),
                in.path("cached_tokens").asLong(0),
                cached.path("text_tokens").asLong(0),
                cached.path("audio_tokens").asLong(0),
                out.path("text_tokens").asLong(0),
                out.path("audio_tokens").asLong(0));
    }
}
