package app.highway.call;

import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Instant;

/**
 * What a call used and cost so far: the voice model's tokens and the caller's transcription's, each at
 * its own model's price. Not thread-safe: {@link Call} guards it.
 */
final class CallCosts {
    private Usage usage = Usage.ZERO;
    private double voiceUsd;
    private TranscriptionUsage transcription = TranscriptionUsage.ZERO;
    private double transcriptionUsd;

    /** The voice model's usage of one response, and what it cost. */
    void addVoice(Usage delta, double cost) {
        usage = usage.plus(delta);
        voiceUsd += cost;
    }

    /** What transcribing one of the caller's turns used, and what it cost. */
    void addTranscription(TranscriptionUsage delta, double cost) {
        transcription = transcription.plus(delta);
        transcriptionUsd += cost;
    }

    Usage usage() {
        return usage;
    }

    double voiceUsd() {
        return voiceUsd;
    }

    TranscriptionUsage transcription() {
        return transcription;
    }

    double transcriptionUsd() {
        return transcriptionUsd;
    }

    double totalUsd() {
        return voiceUsd + transcriptionUsd;
    }

    CallEvent.UsageUpdated event(String callId, Instant at) {
        return new CallEvent.UsageUpdated(callId, usage, totalUsd(), voiceUsd, transcription, transcriptionUsd, at);
    }
}
