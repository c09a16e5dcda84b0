package app.highway.realtime;

import com.fasterxml.jackson.databind.JsonNode;

/** What a model socket reports. Called on the socket's own reader thread; must not block. */
public interface RealtimeListener {
    void onOpen();

    /** A server event; {@code type} is its {@code type} field. */
    void onEvent(String type, JsonNode event);

    /** The hot path: one {@code response.output_audio.delta}, read without building a tree. */
    void onAudioDelta(String itemId, String base64);

    /** The socket is gone. {@code failure} is a message for the operator, or null for a normal close. */
    void onClosed(int code, String reason, RealtimeFailure failure);
}
