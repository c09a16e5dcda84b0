package app.highway.bench;

import app.highway.audio.Base64Audio;
import app.highway.config.Json;
import app.highway.realtime.GaConnectionAccess;
import app.highway.realtime.ModelListener;
import app.highway.realtime.RealtimeError;
import app.highway.realtime.RealtimeFailure;
import app.highway.transport.TextFrames;
import app.highway.twilio.MediaSink;
import app.highway.twilio.MediaStreamSender;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.WebSocketFrame;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the bridge's own work per model audio delta (a {@code response.output_audio.delta}
 * message's bytes in, the Twilio {@code media} frame out), in process, without sockets: CPU time and
 * bytes allocated per frame, the text way (Strings out of the parser, a concatenated envelope that
 * Vert.x encodes) against the bytes way the relay takes (the GA connection and
 * {@link MediaStreamSender} as they are, {@link TextFrames}). Run with {@code mvn -B -Pbench test
 * -Dtest=AudioDeltaPathBench}.
 */
@Tag("bench")
class AudioDeltaPathBench {
    private static final Logger log = LoggerFactory.getLogger(AudioDeltaPathBench.class);
    private static final int ROUNDS = 5;
    private static final int FRAMES = 400_000;
    private static final String MEDIA_PREFIX =
            "{\"event\":\"media\",\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\",\"media\":{\"payload\":\"";

    private final ObjectMapper json = Json.mapper();
    private final byte[] message;
    private long sink;

    AudioDeltaPathBench() {
        byte[] audio = new byte[160];
        new java.util.Random(1).nextBytes(audio);
        message = ("{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_CSqJ3n2b1lW7rZ\",\"response_id\":"
                + "\"resp_CSqJ3ZlAn3Yb\",\"item_id\":\"item_CSqJ3bVfOq2W\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"" + Base64.getEncoder().encodeToString(audio) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Before: item id and delta as Strings, the envelope a concatenation, Vert.x encodes it. */
    private void textWay() throws java.io.IOException {
        String itemId = null;
        String delta = null;
        try (JsonParser p = json.getFactory().createParser(message, 0, message.length)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("item_id".equals(field) && value == JsonToken.VALUE_STRING) {
                    itemId = p.getText();
                } else if ("delta".equals(field) && value == JsonToken.VALUE_STRING) {
                    delta = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        if (MediaStreamSender.isAudio(delta)) {
            sink += MediaStreamSender.millis(delta) + itemId.length();
            WebSocketFrame f = WebSocketFrame.textFrame(MEDIA_PREFIX + delta + "\"}}", true);
            sink += f.binaryData().length();
        }
    }

    @Test
    void perFrameCostOfTheModelToCallerPath() throws Exception {
        Thread loopLike = new io.netty.util.concurrent.FastThreadLocalThread(() -> {
            try {
                measure();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "bench-loop");
        loopLike.start();
        loopLike.join();
    }

    private void measure() throws Exception {
        MediaStreamSender sender = new MediaStreamSender(new MediaSink() {
            @Override
            public void sendText(String message) {
            }

            @Override
            public void sendText(byte[] head, byte[] body, int offset, int length, byte[] tail) {
                sink += TextFrames.frame(head, body, offset, length, tail).binaryData().length();
            }

            @Override
            public void close(int code, String reason) {
            }
        }, "MZ18ad3ab5a668481ce02b83e7395059f0");
        ModelListener relay = new DeltaOnly(sender);
        GaConnectionAccess.Inbound connection = GaConnectionAccess.unconnected(json, relay);

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int round = 0; round < ROUNDS; round++) {
            for (int w = 0; w < 2; w++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < FRAMES; i++) {
                    if (w == 0) {
                        textWay();
                    } else {
                        connection.receive(message, message.length);
                    }
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long alloc = threads.getThreadAllocatedBytes(id) - alloc0;
                if (round > 0) {
                    log.info("round {} {}: {} ns CPU, {} bytes allocated per frame", round,
                            w == 0 ? "text (before)" : "bytes (GaConnection → MediaStreamSender → TextFrames)",
                            String.format("%.0f", (double) cpu / FRAMES), alloc / FRAMES);
                }
            }
        }
        log.debug("{}", sink);
    }

    /** What CallSession does with a delta, without a call: check, measure, send. */
    private final class DeltaOnly implements ModelListener {
        private final MediaStreamSender sender;

        DeltaOnly(MediaStreamSender sender) {
            this.sender = sender;
        }

        @Override
        public void onAudioDelta(String itemId, Base64Audio audio) {
            if (MediaStreamSender.isAudio(audio)) {
                sink += MediaStreamSender.millis(audio) + itemId.length();
                sender.sendAudio(audio);
            }
        }

        // everything else: nothing
        @Override public void onConnected() { }
        @Override public void onSessionReady() { }
        @Override public void onError(RealtimeError error) { }
        @Override public void onCallerSpeechStarted(String itemId) { }
        @Override public void onCallerSpeechStopped() { }
        @Override public void onCallerTranscriptDelta(String itemId, String text) { }
        @Override public void onCallerTranscriptCompleted(String i, String t, app.highway.usage.TranscriptionUsage u) { }
        @Override public void onTranscriptionFailed(String message) { }
        @Override public void onAssistantItemStarted(String itemId) { }
        @Override public void onAudioDone(String itemId) { }
        @Override public void onAssistantTranscriptDelta(String itemId, String text) { }
        @Override public void onAssistantTranscriptDone(String itemId, String transcript) { }
        @Override public void onToolCall(String name, String callId, String argumentsJson) { }
        @Override public void onResponseDone(app.highway.usage.Usage usage, String status, String failureCode) { }
        @Override public void onEventFailed(String event, RuntimeException error) { }
        @Override public void onClosed(int code, String reason, RealtimeFailure failure) { }
    }
}
