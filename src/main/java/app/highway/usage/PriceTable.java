package app.highway.usage;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model: the voice models' ({@link ModelPrice}) and the transcription models'
 * ({@link TranscriptionPrice}: the caller's words are transcribed by a model of its own, billed at its
 * own price). A dated snapshot ({@code gpt-realtime-2025-08-28}) uses the price of the longest model
 * name it starts with. Prices change: the operator edits them (the console or the API, kept by {@link PriceStore}).
 */
public final class PriceTable {
    private final Map<String, ModelPrice> prices;
    private final Map<String, TranscriptionPrice> transcription;

    /** Voice model prices, with the default transcription prices. */
    public PriceTable(Map<String, ModelPrice> prices) {
        this(prices, defaultTranscriptionPrices());
    }

    public PriceTable(Map<String, ModelPrice> prices, Map<String, TranscriptionPrice> transcription) {
        this.prices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prices));
        this.transcription = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(transcription));
    }

    /** These voice model prices, with this table's transcription prices (what editing the voice prices keeps). */
    public PriceTable withModelPrices(Map<String, ModelPrice> voicePrices) {
        return new PriceTable(voicePrices, transcription);
    }

    /**
     * OpenAI's published Realtime prices (USD per 1M tokens) when this table was written, and GPT-Live's voice
     * session rate (USD per minute, billed per second): $0.05 a minute of active session is the rate OpenAI's
     * "Cost optimization" guide computes with (developers.openai.com/api/docs/guides/voice-latency-cost: "assuming
     * $0.05 per minute, a 90-second session costs $0.075"), and the one third parties quote for gpt-live-1 and
     * gpt-live-1.1 (apidog, getmaxim, Nov 2026). Not checked against the gpt-live-1 model page itself: an editable
     * default. GPT-Live's backend (the Responses model its delegation calls) is billed apart, by its tokens, and is
     * not in this table.
     */
    public static PriceTable defaults() {
        return new PriceTable(defaultModelPrices(), defaultTranscriptionPrices());
    }

    /** The voice models' default prices (see {@link #defaults()}). */
    public static Map<String, ModelPrice> defaultModelPrices() {
        Map<String, ModelPrice> p = new LinkedHashMap<>();
        p.put("gpt-realtime", new ModelPrice(4.00, 0.40, 16.00, 32.00, 0.40, 64.00));
        p.put("gpt-realtime-mini", new ModelPrice(0.60, 0.06, 2.40, 10.00, 0.30, 20.00));
        p.put("gpt-live", ModelPrice.perSessionMinute(0.05));
        return p;
    }

    /**
     * OpenAI's published transcription prices (https://openai.com/api/pricing, "Transcription and speech
     * generation") as of late 2025, when this table was written: gpt-4o-transcribe and
     * gpt-4o-mini-transcribe per 1M tokens (audio in, text in, text out), whisper-1 per minute of audio.
     * Prices change: operators edit them in the console or the API (see {@link PriceStore}).
     */
    public static Map<String, TranscriptionPrice> defaultTranscriptionPrices() {
        Map<String, TranscriptionPrice> t = new LinkedHashMap<>();
        t.put("gpt-4o-transcribe", new TranscriptionPrice(6.00, 2.50, 10.00, 0));
        t.put("gpt-4o-mini-transcribe", new TranscriptionPrice(3.00, 1.25, 5.00, 0));
        t.put("whisper-1", new TranscriptionPrice(0, 0, 0, 0.006));
        return t;
    }

    public Optional<ModelPrice> priceFor(String model) {
        return longestPrefix(prices, model);
    }

    /** Cost in USD, or 0 for a model without a price (the operator is told once, at call start). */
    public double cost(String model, Usage usage) {
        return priceFor(model).map(p -> p.cost(usage)).orElse(0.0);
    }

    /** Cost in USD of {@code seconds} of {@code model}'s voice session (GPT-Live), or 0 for a model without that price. */
    public double sessionCost(String model, double seconds) {
        return priceFor(model).map(p -> p.sessionCost(seconds)).orElse(0.0);
    }

    public Optional<TranscriptionPrice> transcriptionPriceFor(String model) {
        return longestPrefix(transcription, model);
    }

    /** Cost in USD of transcribing with {@code model}, or 0 for a model without a price. */
    public double transcriptionCost(String model, TranscriptionUsage usage) {
        return usage == null ? 0 : transcriptionPriceFor(model).map(p -> p.cost(usage)).orElse(0.0);
    }

    /** The voice models' prices. */
    public Map<String, ModelPrice> asMap() {
        return prices;
    }

    /** The transcription models' prices. */
    public Map<String, TranscriptionPrice> transcriptionPrices() {
        return transcription;
    }

    private static <P> Optional<P> longestPrefix(Map<String, P> table, String model) {
        if (model == null) {
            return Optional.empty();
        }
        return table.entrySet().stream()
                .filter(e -> model.equals(e.getKey()) || model.startsWith(e.getKey() + "-"))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
