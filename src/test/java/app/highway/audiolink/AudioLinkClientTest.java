package app.highway.audiolink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Secret;
import app.highway.support.FakeAudioLink;
import app.highway.support.TestAudio;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's end of the call-audio link against a fake bridge speaking the protocol over a real socket. */
@Tag("e2e")
class AudioLinkClientTest {
    private FakeAudioLink bridge;
    private AudioLinkClient client;

    @BeforeEach
    void start() throws Exception {
        bridge = new FakeAudioLink();
        client = new AudioLinkClient(URI.create(bridge.base()), Secret.of(FakeAudioLink.TOKEN), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        client.close();
        bridge.close();
    }

    private static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
        waitUntil(condition, () -> what);
    }

    private static void waitUntil(BooleanSupplier condition, java.util.function.Supplier<String> what)
            throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(5);
        }
    }

    private static List<AudioFrame> frames(int count, long micros) {
        List<AudioFrame> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] audio = new byte[AudioFrame.AUDIO_BYTES];
            for (int j = 0; j < audio.length; j++) {
                audio[j] = (byte) (i * 7 + j);
            }
            out.add(new AudioFrame(i, micros, audio));
        }
        return out;
    }

    @Test
    void aListenerGetsTheBridgesFramesInOrderByteForByteAndTheDelayIsMeasured() throws Exception {
        TestAudio.RecordingSink sink = new TestAudio.RecordingSink();
        AudioLinkSession session = client.listen("hw-1", sink).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("/calls/hw-1/listen"), bridge.requests);
        assertTrue(sink.isOpen());
        List<AudioFrame> sent = frames(50, LinkDelay.nowMicros());
        bridge.send("hw-1", "listen", sent);
        waitUntil(() -> sink.frames().size() == 50, "50 frames");
        assertEquals(sent, sink.frames(), "every frame, in order, byte for byte");
        assertEquals(50, session.received());
        LinkDelay.Summary delay = session.delay();
        assertEquals(50, delay.frames());
        assertTrue(delay.p50Ms() >= 0 && delay.p99Ms() < 5_000, delay.toString());
        assertTrue(session.level() > 0, "the level of what was heard");

        bridge.end("hw-1", "listen", "completed");
        LinkOutcome how = session.outcome().get(10, TimeUnit.SECONDS);
        assertEquals(new LinkOutcome.Ended("completed"), how);
        assertEquals("The call ended (completed)", how.message());
        assertTrue(sink.isClosed(), "the speakers are let go when the call ends");
    }

    @Test
    void refusalsComeBackWithTheBridgesWords() throws Exception {
        bridge.refuse("theirs", 403, "Agents may listen only to the calls they placed");
        bridge.refuse("gone", 404, "No such call: gone");
        bridge.refuse("elsewhere", 409, "Call elsewhere is held by bridge b-2 (10.0.0.2)");
        for (var c : List.of(new Object[] {"theirs", 403, "Agents may listen only to the calls they placed"},
                new Object[] {"gone", 404, "No such call: gone"},
                new Object[] {"elsewhere", 409, "Call elsewhere is held by bridge b-2 (10.0.0.2)"})) {
            TestAudio.RecordingSink sink = new TestAudio.RecordingSink();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> client.listen((String) c[0], sink).get(10, TimeUnit.SECONDS));
            AudioLinkClient.AudioLinkRefused refused = assertInstanceOf(AudioLinkClient.AudioLinkRefused.class,
                    e.getCause());
            assertEquals(new LinkOutcome.Refused((int) c[1], (String) c[2]), refused.outcome());
            assertEquals(c[2], refused.getMessage());
            assertTrue(!sink.isOpen(), "nothing played for a refused link");
        }
    }

    @Test
    void aWrongTokenIsRefusedWithoutASocket() throws Exception {
        try (AudioLinkClient stranger = new AudioLinkClient(URI.create(bridge.base()), Secret.of("wrong"),
                Duration.ofSeconds(5))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> stranger.listen("hw-1", new TestAudio.RecordingSink()).get(10, TimeUnit.SECONDS));
            LinkOutcome how = ((AudioLinkClient.AudioLinkRefused) e.getCause()).outcome();
            assertEquals(401, ((LinkOutcome.Refused) how).status());
        }
    }

    @Test
    void aTakeOverSendsTheMicrophonesFramesWithRisingSequenceNumbersAndHandsBackOnClose() throws Exception {
        TestAudio.RecordingSink sink = new TestAudio.RecordingSink();
        TestAudio.ScriptedSource mic = new TestAudio.ScriptedSource();
        long before = LinkDelay.nowMicros();
        AudioLinkSession session = client.takeOver("hw-2", mic, sink).get(10, TimeUnit.SECONDS);
        assertEquals(List.of("/calls/hw-2/takeover"), bridge.requests);
        assertTrue(mic.isStarted(), "the microphone starts with the take-over");
        mic.speak(25);
        waitUntil(() -> bridge.received("hw-2").size() == 25, () -> "25 microphone frames at the bridge (sent "
                + session.sent() + ", dropped " + session.skipped() + ", received " + bridge.received("hw-2").size() + ")");
        List<AudioFrame> got = bridge.received("hw-2");
        for (int i = 0; i < got.size(); i++) {
            AudioFrame f = got.get(i);
            assertEquals(i, f.seq(), "0, 1, 2, … in order");
            assertTrue(f.micros() >= before && f.micros() <= LinkDelay.nowMicros(), "stamped when captured");
            assertEquals((byte) i, f.audio()[0], "the microphone's audio, unchanged");
        }
        assertEquals(25, session.sent());
        // the caller's audio plays on the console
        bridge.send("hw-2", "takeover", frames(3, LinkDelay.nowMicros()));
        waitUntil(() -> sink.frames().size() == 3, "the caller's audio");

        session.close(); // hand back
        assertEquals(new LinkOutcome.Stopped(), session.outcome().get(10, TimeUnit.SECONDS));
        assertTrue(mic.isStopped(), "the microphone is let go at the hand-back");
        waitUntil(() -> !bridge.isOpen("hw-2", "takeover"), "the bridge sees the socket closed");
    }

    @Test
    void closesFromTheBridgeBecomeOutcomesThePersonCanRead() throws Exception {
        record Case(String id, String kind, int code, String reason, LinkOutcome expected) { }
        for (Case c : List.of(
                new Case("a", "listen", 4003, "token revoked", new LinkOutcome.Revoked()),
                new Case("b", "takeover", 4009, "taken over by carol", new LinkOutcome.TakenOverElsewhere(
                        "taken over by carol")),
                new Case("c", "listen", 1001, "bridge stopping", new LinkOutcome.Lost(1001, "bridge stopping")))) {
            TestAudio.RecordingSink sink = new TestAudio.RecordingSink();
            AudioLinkSession session = c.kind().equals("listen") ? client.listen(c.id(), sink).get(10, TimeUnit.SECONDS)
                    : client.takeOver(c.id(), new TestAudio.ScriptedSource(), sink).get(10, TimeUnit.SECONDS);
            waitUntil(() -> bridge.isOpen(c.id(), c.kind()), "the socket at the bridge");
            bridge.close(c.id(), c.kind(), c.code(), c.reason());
            assertEquals(c.expected(), session.outcome().get(10, TimeUnit.SECONDS), c.toString());
        }
        assertEquals("The bridge revoked your access", new LinkOutcome.Revoked().message());
        assertEquals("The bridge is stopping", new LinkOutcome.Lost(1001, "x").message());
    }

    @Test
    void theLinkIsOnTheBridgesAddress() {
        assertEquals(URI.create("ws://127.0.0.1:3000/calls/hw-1/listen"), AudioLinkClient.linkUri(
                URI.create("http://127.0.0.1:3000"), "hw-1", AudioLinkSession.Kind.LISTEN));
        assertEquals(URI.create("wss://b.example.com/highway/calls/CA1/takeover"), AudioLinkClient.linkUri(
                URI.create("https://b.example.com/highway/"), "CA1", AudioLinkSession.Kind.TAKE_OVER));
    }
}
