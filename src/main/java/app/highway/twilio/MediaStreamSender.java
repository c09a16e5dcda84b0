package app.highway.twilio;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * What the bridge sends down one admitted Twilio media stream, typed: audio, marks, clear, close.
 * Owns the stream's {@code streamSid} and the outbound JSON (the inbound side is
 * {@link MediaStreamProtocol#parse}). Sends never block (see {@link MediaSink}); audio goes out on
 * the model socket's thread, 50 frames a second, so a frame is one string concatenation.
 */
public final class MediaStreamSender {
    private final MediaSink sink;
    private final String streamSid;
    private final String mediaPrefix;
    private final String markPrefix;
    private final String clear;

    public MediaStreamSender(MediaSink sink, String streamSid) {
        this.sink = sink;
        this.streamSid = streamSid;
        String sid = quote(streamSid);
        this.mediaPrefix = "{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\"";
        this.markPrefix = "{\"event\":\"mark\",\"streamSid\":\"" + sid + "\",\"mark\":{\"name\":\"";
        this.clear = "{\"event\":\"clear\",\"streamSid\":\"" + sid + "\"}";
    }

    public String streamSid() {
        return streamSid;
    }

    /** One chunk of the assistant's audio: μ-law 8 kHz, base64 (already checked with {@link #isAudio}). */
    public void sendAudio(String base64) {
        sink.sendText(mediaPrefix + base64 + "\"}}");
    }

    /** A mark Twilio echoes once everything sent before it has been played to the caller. */
    public void mark(String name) {
        sink.sendText(markPrefix + quote(name) + "\"}}");
    }

    /** Drops the audio Twilio has buffered and not played yet (barge-in). */
    public void clear() {
        sink.sendText(clear);
    }

    public void close(int code, String reason) {
        sink.close(code, reason);
    }

    /** True if Twilio can take this as a media payload: standard base64 with padding. */
    public static boolean isAudio(String base64) {
        return MediaStreamProtocol.isBase64(base64);
    }

    /** Milliseconds of μ-law audio at 8 kHz (8 bytes a millisecond) in a base64 payload, without decoding it. */
    public static long millis(String base64) {
        return MediaStreamProtocol.decodedLength(base64) / 8;
    }

    private static String quote(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
