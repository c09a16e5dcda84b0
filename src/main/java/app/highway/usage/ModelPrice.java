package app.highway.usage;

/** US dollars per 1M tokens. */
public record ModelPrice(
        double textInput,
        double cachedTextInput,
        double textOutput,
        double audioInput,
        double cachedAudioInput,
        double audioOutput) {

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
}
