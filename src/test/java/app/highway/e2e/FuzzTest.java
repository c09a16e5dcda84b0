package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Thousands of malformed and hostile messages on both sockets of a live call: the bridge neither
 * crashes nor leaks, and the call goes on (real audio still flows afterwards).
 */
@Tag("e2e")
class FuzzTest {
    static final int MESSAGES = 10_000;

    /** Broken variants of what Twilio and OpenAI send: bad JSON, wrong types, missing fields, huge, foreign. */
    static List<String> hostile(Random r, String streamSid, boolean media) {
        String[] fragments = {"{", "}", "[", "\"", ":", ",", "null", "true", "1e999", "-0", "\\u0000", "\"event\"",
                "\"type\"", "\"media\"", "\"payload\"", "\"delta\"", "{\"a\":", "\u2028", "💥"};
        List<String> out = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            int kind = r.nextInt(12);
            String m = switch (kind) {
                case 0 -> { // random garbage made of JSON-ish fragments
                    StringBuilder b = new StringBuilder();
                    for (int k = r.nextInt(20); k >= 0; k--) {
                        b.append(fragments[r.nextInt(fragments.length)]);
                    }
                    yield b.toString();
                }
                case 1 -> "";
                case 2 -> "[" + r.nextInt() + "]";
                case 3 -> media ? "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"timestamp\":"
                        + "\"" + r.nextInt(100000) + "\",\"payload\":\"***" + r.nextInt() + "\"}}"
                        : "{\"type\":\"response.output_audio.delta\",\"item_id\":\"x\",\"delta\":\"%%%%\"}";
                case 4 -> media ? "{\"event\":\"media\",\"streamSid\":\"MZforeign\",\"media\":{\"timestamp\":\"20\","
                        + "\"payload\":\"AAAA\"}}"
                        : "{\"type\":\"response.output_audio_transcript.delta\",\"item_id\":" + r.nextInt()
                                + ",\"delta\":" + r.nextInt() + "}";
                case 5 -> media ? "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"timestamp\":"
                        + "{\"x\":1},\"payload\":[1,2]}}"
                        : "{\"type\":\"response.function_call_arguments.done\",\"name\":\"call_reflection_data\","
                                + "\"call_id\":\"c" + i + "\",\"arguments\":\"{not json\"}";
                case 6 -> media ? "{\"event\":\"" + Long.toHexString(r.nextLong()) + "\"}"
                        : "{\"type\":\"" + Long.toHexString(r.nextLong()) + "\"}";
                case 7 -> media ? "{\"event\":\"mark\",\"streamSid\":\"" + streamSid + "\",\"mark\":{\"name\":"
                        + r.nextInt() + "}}"
                        : "{\"type\":\"response.done\",\"response\":{\"usage\":{\"input_tokens\":\"lots\"}}}";
                case 8 -> media ? "{\"event\":\"start\",\"start\":{\"callSid\":\"CAevil\",\"streamSid\":\"MZevil\","
                        + "\"customParameters\":{\"streamToken\":\"forged\"}}}"
                        : "{\"type\":\"input_audio_buffer.speech_started\",\"item_id\":null}";
                case 9 -> (media ? "{\"event\":\"media\",\"streamSid\":\"" + streamSid + "\",\"media\":{\"payload\":\""
                        : "{\"type\":\"response.output_audio.delta\",\"delta\":\"") + "A".repeat(70_000 + r.nextInt(
                        200_000)) + "\"}}";
                case 10 -> media ? "{\"event\":\"dtmf\",\"streamSid\":\"" + streamSid + "\",\"dtmf\":null}"
                        : "{\"type\":\"error\"}";
                default -> "{\"event\":null,\"type\":null,\"streamSid\":" + r.nextDouble() + "}";
            };
            out.add(m);
        }
        return out;
    }

    /** Broken variants of GPT-Live's server events: wrong types, missing fields, half tool calls, huge, unknown. */
    static List<String> hostileLive(Random r) {
        List<String> out = new ArrayList<>(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            String m = switch (r.nextInt(12)) {
                case 0 -> "{\"type\":\"session.output_audio.delta\",\"delta\":" + r.nextInt() + "}";
                case 1 -> "{\"type\":\"session.output_audio.delta\",\"delta\":\"%%%%" + r.nextInt() + "\"}";
                case 2 -> "{\"type\":\"session.input_transcript.delta\",\"delta\":{\"x\":" + r.nextInt() + "}}";
                case 3 -> "{\"type\":\"session.output_transcript.delta\"}";
                case 4 -> "{\"type\":\"response.event\",\"delegation_id\":" + r.nextInt() + ",\"event\":[1,2]}";
                case 5 -> "{\"type\":\"response.event\",\"event\":{\"type\":\"response.output_item.done\",\"item\":"
                        + "{\"type\":\"function_call\",\"name\":\"hang_up_call\",\"call_id\":\"c" + i
                        + "\",\"arguments\":\"{not json\"}}}";
                case 6 -> "{\"type\":\"response.event\",\"event\":{\"type\":\"response.failed\",\"response\":7}}";
                case 7 -> "{\"type\":\"session.usage.updated\",\"usage\":{\"seconds\":\"lots\"}}";
                case 8 -> "{\"type\":\"session.closed\",\"reason\":" + r.nextInt() + "}";
                case 9 -> "{\"type\":\"session.output_audio.delta\",\"delta\":\"" + "A".repeat(70_000
                        + r.nextInt(200_000)) + "\"}";
                case 10 -> "{\"type\":\"error\",\"error\":" + (r.nextBoolean() ? "null" : "{\"code\":" + r.nextInt()
                        + "}") + "}";
                default -> "{\"type\":\"" + Long.toHexString(r.nextLong()) + "\",\"session\":null}";
            };
            out.add(m);
        }
        return out;
    }

    @Test
    void hostileGptLiveEventsDoNotStopTheCall() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            var settings = h.bridge.console().settings();
            settings.save(settings.current().withModel("gpt-live-1"));
            var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            var created = h.twilio.awaitCreatedCall();
            h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
            var model = h.realtime.awaitPeer();
            model.awaitMessage("session.start");
            model.startLive();
            h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress");
            var stream = h.carrier.connect(created.param("Twiml"), callSid);
            model.awaitMessage("session.commentary.append");
            long before = usedHeapAfterGc();
            for (String m : hostileLive(new Random(43))) {
                model.send(m);
            }
            String frame = stream.sendMedia(100_000, ServerEvents.audio(160, 7));
            model.awaitAppend(frame);
            byte[] audio = ServerEvents.audio(160, 8);
            model.send(app.highway.support.LiveServerEvents.audioDelta(audio));
            JsonNode media;
            do {
                media = stream.awaitEvent("media");
            } while (!media.path("media").path("payload").asText().equals(
                    java.util.Base64.getEncoder().encodeToString(audio)));
            JsonNode record = h.call(callSid);
            assertEquals("in-progress", record.path("state").asText(), record.path("endReason").asText());
            assertTrue(h.twilio.updatesSoFar().isEmpty(), "nothing hung up");
            assertTrue(record.path("timeline").size() <= 1000, "timeline bounded: " + record.path("timeline").size());
            long grownMb = (usedHeapAfterGc() - before) / (1024 * 1024);
            assertTrue(grownMb < 64, "heap grew by " + grownMb + " MB");
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void hostileMediaFramesAndModelEventsDoNotStopTheCall() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, "123");
            Random random = new Random(42);
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            int n = 0;
            for (String m : hostile(random, call.stream.streamSid, true)) {
                if (++n % 500 == 0) {
                    call.stream.sendBinary(m.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                call.stream.sendRaw(m);
            }
            for (String m : hostile(random, call.stream.streamSid, false)) {
                call.model.send(m);
            }
            // the call goes on: real audio still flows both ways
            call.model.awaitAppend(call.stream.sendMedia(100_000, ServerEvents.audio(160, 7)));
            call.model.send(ServerEvents.outputItemAdded("r9", "a9"));
            call.model.send(ServerEvents.audioDelta("r9", "a9", ServerEvents.audio(160, 8)));
            JsonNode media;
            do {
                media = call.stream.awaitEvent("media");
            } while (!media.path("media").path("payload").asText().equals(
                    java.util.Base64.getEncoder().encodeToString(ServerEvents.audio(160, 8))));
            long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
            JsonNode record = h.call(call.callSid);
            assertEquals("in-progress", record.path("state").asText(), record.path("endReason").asText());
            assertTrue(record.path("timeline").size() <= 1000, "timeline bounded: " + record.path("timeline").size());
            long grownMb = (usedHeapAfterGc() - before) / (1024 * 1024);
            assertTrue(grownMb < 64, "heap grew by " + grownMb + " MB");
            LoggerFactory.getLogger(getClass()).info("survived {} hostile media frames and {} hostile model events in "
                    + "{} s; heap +{} MB", MESSAGES, MESSAGES, seconds, grownMb);
        }
    }
}
