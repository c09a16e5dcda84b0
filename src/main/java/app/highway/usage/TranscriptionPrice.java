package app.highway.usage;

/**
 * The price of a transcription model: US dollars per 1M tokens for models billed by tokens, and per
 * minute of audio for models billed by duration. A model has one or the other; a price of 0 is free.
 */
public record TranscriptionPrice(double audioInput, double textInput, double textOutput, double perMinute) {

    public double cost(TranscriptionUsage u) {
        double tokens = u.inputAudioTokens() * audioInput + u.inputTextTokens() * textInput
                + u.outputTokens() * textOutput;
        return tokens / 1_000_000.0 + u.seconds() / 60.0 * perMinute;
    }

    double[] values() {
        return new double[] {audioInput, textInput, textOutput, perMinute};
    }
}
