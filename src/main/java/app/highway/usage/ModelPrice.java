package app.highway.usage;

/**
 * A voice model's prices: US dollars per 1M tokens (the Realtime API bills tokens) and per minute of voice
 * session ({@code sessionMinute}: GPT-Live bills the session's duration, per second, instead of tokens). A model
 * has one kind or the other; the other prices are 0.
 */
public record ModelPrice(
        double textInput,
        double cachedTextInput,
        double textOutput,
        double audioInput,
        double cachedAudioInput,
        double audioOutput,
        double sessionMinute) {

    /** Token prices only (a Realtime model). */
    public ModelPrice(double textInput, double cachedTextInput, double textOutput, double audioInput,
            double cachedAudioInput, double audioOutput) {
        this(textInput, cachedTextInput, textOutput, audioInput, cachedAudioInput, audioOutput, 0);
    }

    /** A price per minute of session only (a GPT-Live model). */
    public static ModelPrice perSessionMinute(double usd) {
        return new ModelPrice(0, 0, 0, 0, 0, 0, usd);
    }

    public double cost(Usage u) {
        long uncachedText = Math.max(0, u.inputTextTokens() - u.cachedTextTokens());
        long uncachedAudio = Math.max(0, u.inputAudioTokens() - u.cachedAudioTokens());
        double dollars = uncachedText * textInput
                + u.cachedTextTokens() * cachedTextInput
                + uncachedAudio * audioInput
                + u.cachedAudioTokens() * cachedAudioInput
                + u.outputTextTokens() * textOutput
                + u.outputAudioTokens() * audioOutput;
        return dollars / 1_000_000.0;
    }

    /** What {@code seconds} of voice session cost (billed per second, not rounded up to the minute). */
    public double sessionCost(double seconds) {
        return seconds <= 0 ? 0 : seconds / 60.0 * sessionMinute;
    }
}
