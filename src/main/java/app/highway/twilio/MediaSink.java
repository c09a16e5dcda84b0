package app.highway.twilio;

/** The bridge's side of one Twilio media WebSocket: what it can send back. Sends never block. */
public interface MediaSink {
    void sendText(String message);

    void close(int code, String reason);
}
