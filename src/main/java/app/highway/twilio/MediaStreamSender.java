package app.highway.twilio;

import app.highway.audio.Base64Audio;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What the bridge sends down one admitted Twilio media stream, typed: audio, marks, clear, close.
 * Owns the stream's {@code streamSid} and the outbound JSON (the inbound side is
 * {@link MediaStreamProtocol#parse}). Sends never block (see {@link MediaSink}); audio goes out on
 * the model socket's thread, 50 frames a second, so a frame is the base64 bytes as the model sent
 * them between a fixed head and tail, copied once into the outgoing frame.
 */
public final class MediaStreamSender {
    private final MediaSink sink;
    private final String streamSid;
    private final byte[] mediaHead;
    private static final byte[] MEDIA_TAIL = "\"}}".getBytes(StandardCharsets.US_ASCII);
    private final String markPrefix;
    private final String clear;
    private volatile OutboundTap tap;

    /**
     * Sees the audio sent to the caller and each {@code clear}, in the order they are sent (the call's
     * listen-in mix). Called on the sending thread; must not block.
     */
    public interface OutboundTap {
        void audio(Base64Audio audio);

        void cleared();
    }

    public MediaStreamSender(MediaSink sink, String streamSid) {
        this.sink = sink;
        this.streamSid = streamSid;
        String sid = quote(streamSid);
        this.mediaHead = ("{\"event\":\"media\",\"streamSid\":\"" + sid + "\",\"media\":{\"payload\":\"")
                .getBytes(StandardCharsets.UTF_8);
        this.markPrefix = "{\"event\":\"mark\",\"streamSid\":\"" + sid + "\",\"mark\":{\"name\":\"";
        this.clear = "{\"event\":\"clear\",\"streamSid\":\"" + sid + "\"}";
    }

    public String streamSid() {
        return streamSid;
    }

    /** From now on {@code tap} sees what is sent (null: nothing does). */
    public void tap(OutboundTap tap) {
        this.tap = tap;
    }

    /** One chunk of the assistant's audio: μ-law 8 kHz, base64 (already checked with {@link #isAudio}). */
    public void sendAudio(Base64Audio audio) {
        sink.sendText(mediaHead, audio.bytes(), audio.offset(), audio.length(), MEDIA_TAIL);
        OutboundTap t = tap;
        if (t != null) {
            t.audio(audio);
        }
    }

    /** {@link #sendAudio(Base64Audio)} from text (tests, the slow path). */
    public void sendAudio(String base64) {
        sendAudio(Base64Audio.of(base64));
    }

    /** A mark Twilio echoes once everything sent before it has been played to the caller. */
    public void mark(String name) {
        sink.sendText(markPrefix + quote(name) + "\"}}");
    }

    /** Drops the audio Twilio has buffered and not played yet (barge-in). */
    public void clear() {
        sink.sendText(clear);
        OutboundTap t = tap;
        if (t != null) {
            t.cleared();
        }
    }

    public void close(int code, String reason) {
        sink.close(code, reason);
    }

    /** True if Twilio can take this as a media payload: standard base64 with padding. */
    public static boolean isAudio(String base64) {
        return MediaStreamProtocol.isBase64(base64);
    }

    /** True if Twilio can take this as a media payload: standard base64 with padding. */
    public static boolean isAudio(Base64Audio audio) {
        return audio.isValid();
    }

    /** Milliseconds of μ-law audio at 8 kHz (8 bytes a millisecond) in a base64 payload, without decoding it. */
    public static long millis(String base64) {
        return MediaStreamProtocol.decodedLength(base64) / 8;
    }

    /** Milliseconds of μ-law audio at 8 kHz in a base64 payload, without decoding it. */
    public static long millis(Base64Audio audio) {
        return audio.millis();
    }

    private static String quote(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }
}
