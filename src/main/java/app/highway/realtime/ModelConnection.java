package app.highway.realtime;

import app.highway.audio.Base64Audio;
import app.highway.config.CallSettings;

/**
 * One call's connection to a voice model, as typed commands; each dialect writes its own wire
 * format. Every command is non-blocking and may be called from any thread; on a socket that is not
 * open it is dropped (the listener hears {@link ModelListener#onClosed} instead).
 */
public interface ModelConnection {
    /** Starts connecting; the listener hears {@link ModelListener#onConnected} or {@link ModelListener#onClosed}. */
    void connect();

    boolean isOpen();

    /** Sets the session up for a phone call with these settings; answered by {@link ModelListener#onSessionReady}. */
    void configure(CallSettings settings);

    /** Adds a text message from the user's side to the conversation (instructions the caller does not hear). */
    void sendUserText(String text);

    /** Asks the model to respond now. */
    void requestResponse();

    /**
     * Adds a system message to the conversation: an instruction from a supervisor (a whisper) or a note
     * from the bridge. The caller never hears it; the model follows it from its next response.
     */
    void sendSystemMessage(String text);

    /** Asks the model to respond now following these instructions for this response only (e.g. a sentence to say). */
    void requestResponse(String instructions);

    /**
     * Cancels the response in progress. The model answers with an error when none is: call it only
     * while a response is under way.
     */
    void cancelResponse();

    /**
     * Whether the model answers on its own when the caller stops speaking (and stops speaking when the
     * caller starts): on by {@link #configure}; off while the assistant is muted or a supervisor has
     * taken the call over, so that the caller is still heard and transcribed but not answered.
     */
    void respondOnTurns(CallSettings settings, boolean respond);

    /** The caller heard only the first {@code audioEndMs} of this assistant item: the model forgets the rest. */
    void truncate(String itemId, long audioEndMs);

    /** Answers a {@link ModelListener#onToolCall} ({@code outputJson} from {@link Tools}). */
    void toolResult(String callId, String outputJson);

    /**
     * The hot path: one caller audio frame, μ-law base64 as Twilio sent it (its bytes are copied into
     * the outgoing frame before this returns); false if it was not sent.
     */
    boolean appendAudio(Base64Audio audio);

    /** {@link #appendAudio(Base64Audio)} from text. */
    default boolean appendAudio(String base64) {
        return appendAudio(Base64Audio.of(base64));
    }

    void close();
}
