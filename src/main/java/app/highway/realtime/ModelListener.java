package app.highway.realtime;

import app.highway.audio.Base64Audio;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;

/**
 * What a model connection reports, typed: the call's side of any model dialect. A connection calls
 * these one at a time, on its socket's reader: the transport's relay loop, the event-loop thread
 * every call's sockets share (successive events of one socket never overlap). They must not block:
 * a blocked loop stalls every call. Item ids are the model's; text is never null.
 */
public interface ModelListener {
    /** The socket is open; the session is not configured yet ({@link ModelConnection#configure}). */
    void onConnected();

    /** The model accepted the configuration: from now on it listens and may speak. */
    void onSessionReady();

    /** Every error the model reports, none swallowed; the call decides what it means. */
    void onError(RealtimeError error);

    /** The caller started speaking ({@code itemId} of their turn, or null if the model gave none). */
    void onCallerSpeechStarted(String itemId);

    void onCallerSpeechStopped();

    /**
     * The caller stopped speaking {@code nanosAgo} nanoseconds ago: for a dialect that learns a turn's end only
     * later (GPT-Live has no end-of-speech event: its last words are the end), so that the turn's latency is
     * counted from the caller's last words, not from when the bridge noticed.
     */
    default void onCallerSpeechStopped(long nanosAgo) {
        onCallerSpeechStopped();
    }

    void onCallerTranscriptDelta(String itemId, String text);

    /**
     * The caller's turn is transcribed. {@code usage} is what the transcription model billed for it
     * (priced at that model's price, not the voice model's), or null if the model reported none.
     */
    void onCallerTranscriptCompleted(String itemId, String transcript, TranscriptionUsage usage);

    void onTranscriptionFailed(String message);

    /** The assistant started a spoken message (its transcript and audio follow under this id). */
    void onAssistantItemStarted(String itemId);

    /**
     * The hot path, about 50 times a second: one chunk of the assistant's μ-law audio, base64, as it
     * lies in the socket's buffer (valid during this call only; not checked yet).
     */
    void onAudioDelta(String itemId, Base64Audio audio);

    /** The item's last audio chunk has been sent. */
    void onAudioDone(String itemId);

    void onAssistantTranscriptDelta(String itemId, String text);

    void onAssistantTranscriptDone(String itemId, String transcript);

    /**
     * The model calls one of the bridge's {@link Tools}; answer with
     * {@link ModelConnection#toolResult}. {@code argumentsJson} as the model sent it ("" if none).
     */
    void onToolCall(String name, String callId, String argumentsJson);

    /**
     * A response is finished. {@code usage} is null if the model reported none; {@code failureCode}
     * is set only when {@code status} is {@code failed}.
     */
    void onResponseDone(Usage usage, String status, String failureCode);

    /**
     * The model started a response ({@code response.created}): until {@link #onResponseDone} one is under way,
     * and only then may it be cancelled ({@link ModelConnection#cancelResponse}).
     */
    default void onResponseStarted() {
    }

    /**
     * For an API billed by the session's duration (GPT-Live): the session has lasted {@code seconds} in all so far
     * (never less than before on the same connection; a new connection starts again from 0).
     */
    default void onSessionTime(double seconds) {
    }

    /** Handling the event {@code event} threw: a bug on the call's side, reported so that it is seen. */
    void onEventFailed(String event, RuntimeException error);

    /** The socket is gone. {@code failure} is a message for the operator, or null for a normal close. */
    void onClosed(int code, String reason, RealtimeFailure failure);
}
