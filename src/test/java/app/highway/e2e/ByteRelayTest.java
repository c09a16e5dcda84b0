package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The relay of one call, from outside: both of its sockets are served by one event-loop thread
 * (the call's frames are relayed where they were read), and the audio goes through byte for byte
 * both ways, including payloads a JSON encoder escaped (the slow path).
 */
@Tag("e2e")
class ByteRelayTest {
    private static final Pattern THREADS = Pattern.compile("both sockets on (\\S+)|media socket on (\\S+), "
            + "model socket on (\\S+)");

    @Test
    void bothSocketsOfACallAreServedByTheSameEventLoopThread() throws Exception {
        Logger ending = (Logger) LoggerFactory.getLogger("app.highway.call.CallEnding");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        ending.addAppender(captured);
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            for (int i = 0; i < 5; i++) {
                byte[] audio = ServerEvents.audio(160, i);
                call.model.send(ServerEvents.audioDelta("r1", "a1", audio));
                assertEquals(Base64.getEncoder().encodeToString(audio),
                        call.stream.awaitEvent("media").path("media").path("payload").asText());
                call.model.awaitAppend(call.stream.sendMedia(20L * (i + 1), ServerEvents.audio(160, 100 + i)));
            }
            call.stream.sendStop();
            h.awaitCall(call.callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        } finally {
            ending.detachAppender(captured);
        }
        List<String> lines = captured.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(" ended: ")).toList();
        assertEquals(1, lines.size(), "one call ended: " + lines);
        Matcher m = THREADS.matcher(lines.get(0));
        assertTrue(m.find(), "the relay's threads are in the call's last log line: " + lines.get(0));
        assertTrue(m.group(1) != null, "the media socket's and the model socket's handlers ran on one thread: "
                + lines.get(0));
        assertTrue(m.group(1).startsWith("vert.x-eventloop-thread-"), "an event-loop thread: " + m.group(1));
    }

    @Test
    void escapedPayloadsTakeTheSlowPathAndArriveUnescaped() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            byte[] slashes = new byte[160];
            java.util.Arrays.fill(slashes, (byte) 0xff); // base64 "////…"
            String plain = Base64.getEncoder().encodeToString(slashes);
            String escaped = plain.replace("/", "\\/"); // valid JSON for the same text

            call.model.send(ServerEvents.audioDelta("r1", "a1", slashes).replace(plain, escaped));
            JsonNode media = call.stream.awaitEvent("media");
            assertEquals(plain, media.path("media").path("payload").asText(), "model → caller, unescaped");

            String streamSid = media.path("streamSid").asText();
            call.stream.sendRaw("{\"event\":\"media\",\"sequenceNumber\":\"5\",\"media\":{\"track\":\"inbound\","
                    + "\"chunk\":\"3\",\"timestamp\":\"60\",\"payload\":\"" + escaped + "\"},\"streamSid\":\""
                    + streamSid + "\"}");
            call.model.awaitAppend(plain);

            byte[] after = ServerEvents.audio(160, 7); // and the fast path goes on
            call.model.send(ServerEvents.audioDelta("r1", "a1", after));
            assertEquals(Base64.getEncoder().encodeToString(after),
                    call.stream.awaitEvent("media").path("media").path("payload").asText());
            call.model.awaitAppend(call.stream.sendMedia(80, ServerEvents.audio(160, 8)));
        }
    }
}
