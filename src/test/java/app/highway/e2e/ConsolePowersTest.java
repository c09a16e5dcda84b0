package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.audiolink.AudioFrame;
import app.highway.audiolink.AudioLinkSession;
import app.highway.audiolink.LinkDelay;
import app.highway.audiolink.LinkOutcome;
import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.support.TestAudio;
import app.highway.team.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's powers against a real bridge over loopback with the fakes: the embedded console's (the owner's
 * token, {@code http://127.0.0.1:<port>}) and a remote console's (a person's token), through the same
 * {@code remote.RemotePowers}: a whisper reaches the fake model as a system message, listening plays the caller's
 * audio into the test sink in order with the listen-in delay measured, a take-over sends the test microphone's
 * frames to the fake carrier as the call's media, and a refusal comes back in the bridge's words.
 */
@Tag("e2e")
class ConsolePowersTest {
    private static final Logger log = LoggerFactory.getLogger(ConsolePowersTest.class);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private BridgeHarness h;

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    private static void waitUntil(Callable<Boolean> condition, String what) throws Exception {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void theEmbeddedConsolesPowersGoThroughTheBridgeAsTheOwner() throws Exception {
        exercise(h.bridge.console().powers(), "embedded");
    }

    @Test
    void aRemoteConsolesPowersAreTheSame() throws Exception {
        try (RemoteConsole remote = RemoteConsole.connect(URI.create(h.baseUrl()), Secret.of(BridgeHarness.API_TOKEN),
                Files.createTempDirectory("remote-console"))) {
            exercise(remote.services().powers(), "remote");
        }
    }

    private static int[] pcm(byte[] ulaw) {
        int[] out = new int[ulaw.length];
        for (int i = 0; i < ulaw.length; i++) {
            out[i] = app.highway.audio.MuLaw.decode(ulaw[i]);
        }
        return out;
    }

    private void exercise(ConsoleServices.Powers powers, String which) throws Exception {
        LiveCall call = LiveCall.answered(h, "123");

        powers.whisper(call.id, "be brief, they are driving", false);
        JsonNode item = call.model.awaitMessage("conversation.item.create");
        assertEquals("system", item.path("item").path("role").asText());
        assertEquals("be brief, they are driving", item.path("item").path("content").get(0).path("text").asText());

        // listening: the caller's audio, as the bridge mixes it, into the test sink in order
        TestAudio.RecordingSink sink = new TestAudio.RecordingSink();
        AudioLinkSession listening = powers.listen(call.id, sink);
        waitUntil(() -> h.awaitCall(call.id, c -> c.path("listeners").asInt() == 1, WAIT) != null, "a listener");
        int frames = 250; // 5 s at the carrier's pace
        byte[][] sent = new byte[frames][];
        long next = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            sent[i] = ServerEvents.audio(160, 40 + i);
            call.stream.sendMedia(20L * (i + 1), sent[i]);
            next += 20_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        waitUntil(() -> sink.frames().size() == frames, frames + " frames at the listener (got "
                + sink.frames().size() + ")");
        for (int i = 0; i < frames; i++) {
            AudioFrame f = sink.frames().get(i);
            assertEquals(i, f.seq());
            // the caller's audio (the assistant is silent), as mixed: the same samples (μ-law's two zeros are one)
            assertArrayEquals(pcm(sent[i]), pcm(f.audio()), "frame " + i);
        }
        LinkDelay.Summary delay = listening.delay();
        log.info(String.format(Locale.ROOT, "Listen-in delay (%s console, loopback, bridge mixes -> handed to the "
                + "sink): %d frames, p50 %.2f ms, p99 %.2f ms", which, delay.frames(), delay.p50Ms(), delay.p99Ms()));
        assertTrue(delay.p50Ms() >= 0 && delay.p99Ms() < 1000, delay.toString());
        listening.close();
        assertInstanceOf(LinkOutcome.Stopped.class, listening.outcome().get(10, TimeUnit.SECONDS));

        // taking over: the microphone's frames are the call's outbound media, byte for byte
        TestAudio.ScriptedSource mic = new TestAudio.ScriptedSource();
        AudioLinkSession takeOver = powers.takeOver(call.id, mic, new TestAudio.RecordingSink());
        h.awaitCall(call.id, c -> c.path("muted").asBoolean() && !c.path("takenOverBy").isNull(), WAIT);
        call.stream.awaitEvent("clear");
        mic.speak(10);
        for (int i = 0; i < 10; i++) {
            JsonNode media = call.stream.awaitEvent("media");
            byte[] expected = new byte[160];
            Arrays.fill(expected, (byte) i);
            assertArrayEquals(expected, Base64.getDecoder().decode(media.path("media").path("payload").asText()),
                    "microphone frame " + i);
        }
        takeOver.close();
        h.awaitCall(call.id, c -> !c.path("muted").asBoolean() && c.path("takenOverBy").isNull(), WAIT);

        // a refusal in the bridge's words
        Refusal refused = assertThrows(Refusal.class, () -> powers.listen("hw-no-such-call",
                new TestAudio.RecordingSink()));
        assertEquals(Refusal.Kind.NOT_FOUND, refused.kind());
        assertTrue(powers.mute(call.id), "muted");
        Refusal say = assertThrows(Refusal.class, () -> powers.say(call.id, "Hello"));
        assertEquals(Refusal.Kind.CONFLICT, say.kind(), say.getMessage());
        assertTrue(!powers.unmute(call.id), "unmuted");
    }
}
