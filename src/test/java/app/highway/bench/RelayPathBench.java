package app.highway.bench;

import app.highway.audio.Base64Audio;
import app.highway.config.Json;
import app.highway.transport.TextFrames;
import app.highway.twilio.MediaEvent;
import app.highway.twilio.MediaStreamProtocol;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.WebSocketFrame;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a test: the bridge's own work per caller frame (a Twilio media message in, the model's append
 * frame out), in process, without sockets: CPU time and bytes allocated per frame for three ways of
 * building the outgoing frame: the text way (a String per message and per envelope, Vert.x encodes
 * it), bytes parsed but a Latin-1 String handed to Vert.x's public {@code textFrame}, and bytes all
 * the way ({@link TextFrames}: one array, written as it is). Run with {@code mvn -B -Pbench test
 * -Dtest=RelayPathBench}.
 */
@Tag("bench")
class RelayPathBench {
    private static final Logger log = LoggerFactory.getLogger(RelayPathBench.class);
    private static final String APPEND_PREFIX = "{\"type\":\"input_audio_buffer.append\",\"audio\":\"";
    private static final byte[] HEAD = APPEND_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);
    private static final int ROUNDS = 5;
    private static final int FRAMES = 400_000;

    private final MediaStreamProtocol protocol = new MediaStreamProtocol(Json.mapper());
    private final MediaStreamProtocol.Reader reader = protocol.reader();
    private final byte[] message;

    RelayPathBench() {
        byte[] audio = new byte[160];
        new java.util.Random(1).nextBytes(audio);
        message = ("{\"event\":\"media\",\"sequenceNumber\":\"42\",\"media\":{\"track\":\"inbound\",\"chunk\":\"41\","
                + "\"timestamp\":\"820\",\"payload\":\"" + Base64.getEncoder().encodeToString(audio) + "\"},"
                + "\"streamSid\":\"MZ18ad3ab5a668481ce02b83e7395059f0\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** Before: the message as a String, parsed as text; the envelope a concatenation; Vert.x encodes it. */
    private int textWay() {
        String text = new String(message, StandardCharsets.UTF_8); // textMessageHandler's decode
        MediaEvent.Media media = (MediaEvent.Media) protocol.parse(text);
        return send(WebSocketFrame.textFrame(APPEND_PREFIX + media.payload() + "\"}", true));
    }

    /** Bytes parsed in place; the envelope a Latin-1 String for Vert.x's public API. */
    private int latin1Way() {
        MediaEvent.Media media = (MediaEvent.Media) reader.read(message, 0, message.length);
        Base64Audio a = media.payload();
        byte[] all = new byte[HEAD.length + a.length() + TAIL.length];
        System.arraycopy(HEAD, 0, all, 0, HEAD.length);
        System.arraycopy(a.bytes(), a.offset(), all, HEAD.length, a.length());
        System.arraycopy(TAIL, 0, all, HEAD.length + a.length(), TAIL.length);
        return send(WebSocketFrame.textFrame(new String(all, StandardCharsets.ISO_8859_1), true));
    }

    /** Bytes all the way: parsed in place, copied once into a pooled buffer. */
    private int byteWay() {
        MediaEvent.Media media = (MediaEvent.Media) reader.read(message, 0, message.length);
        Base64Audio a = media.payload();
        return send(TextFrames.frame(HEAD, a.bytes(), a.offset(), a.length(), TAIL));
    }

    private static int send(WebSocketFrame frame) {
        int n = frame.binaryData().length();
        ReferenceCountUtil.release(frame); // what Netty does once it is written (a no-op on Vert.x frames)
        return n;
    }

    @Test
    void perFrameCostOfTheCallerToModelPath() throws Exception {
        Thread loopLike = new io.netty.util.concurrent.FastThreadLocalThread(this::measure, "bench-loop");
        loopLike.start();
        loopLike.join();
    }

    private void measure() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] names = {"text (before)", "latin-1 String", "bytes (TextFrames)"};
        IntSupplier[] ways = {this::textWay, this::latin1Way, this::byteWay};
        int sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int w = 0; w < ways.length; w++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long alloc0 = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < FRAMES; i++) {
                    sink += ways[w].getAsInt();
                }
                long cpu = threads.getCurrentThreadCpuTime() - cpu0;
                long alloc = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - alloc0;
                if (round > 0) { // the first round warms up
                    log.info("round {} {}: {} ns CPU, {} bytes allocated per frame", round, names[w],
                            String.format("%.0f", (double) cpu / FRAMES), alloc / FRAMES);
                }
            }
        }
        log.debug("{}", sink);
    }
}
