package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.stream.CloseCodes;
import app.highway.stream.ConnectionState;
import app.highway.support.BridgeHarness;
import app.highway.support.ServerEvents;
import app.highway.support.StreamConsoles;
import app.highway.support.StreamRecorder;
import com.fasterxml.jackson.databind.JsonNode;
import app.highway.call.CallSnapshot;
import app.highway.stream.StreamListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A console that stops reading cannot hold up the bridge: it is dropped, told to resync, while the
 * calls' audio and the other consoles go on.
 */
@Tag("e2e")
class EventStreamBackPressureTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String FLOOD = "hw-flood";
    private BridgeHarness h;
    private final StreamConsoles consoles = new StreamConsoles();

    @BeforeEach
    void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        consoles.close();
        h.close();
    }

    /** A console that reads its first message (the hello), then nothing until told to. */
    private static final class StalledConsole implements WebSocket.Listener {
        final CompletableFuture<String> hello = new CompletableFuture<>();
        final CompletableFuture<int[]> closeCode = new CompletableFuture<>();
        final CompletableFuture<String> closeReason = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private WebSocket ws;

        @Override
        public void onOpen(WebSocket ws) {
            this.ws = ws;
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            if (!hello.isDone()) {
                text.append(data);
                if (last) {
                    hello.complete(text.toString());
                } else {
                    ws.request(1);
                }
            }
            return null; // no more demand until readAgain()
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closeCode.complete(new int[] {code});
            closeReason.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closeCode.completeExceptionally(error);
            closeReason.completeExceptionally(error);
        }

        void readAgain() {
            ws.request(Long.MAX_VALUE);
        }
    }

    @Test
    void aConsoleThatStopsReadingIsDroppedWithTheResyncReasonWhileTheCallsRelayGoesOn() throws Exception {
        LiveCall call = LiveCall.answered(h, "123");
        StreamRecorder healthy = consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN);
        healthy.awaitSnapshot(1, WAIT);
        StalledConsole stalled = new StalledConsole();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + BridgeHarness.API_TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + h.bridge.port() + "/events"), stalled)
                .orTimeout(5, TimeUnit.SECONDS).join();
        assertTrue(stalled.hello.get(5, TimeUnit.SECONDS).contains("\"hello\""));
        StreamConsoles.await("two streams attached", () -> h.bridge.eventStreams().attached() == 2, WAIT);

        // a flood of big events (1 MiB a round): the healthy console keeps up, the stalled one falls behind
        String big = "x".repeat(64 * 1024);
        int sent = 0;
        int round = 0;
        while (h.bridge.eventStreams().attached() == 2) {
            assertTrue(round < 200, "the stalled console was never dropped");
            for (int i = 0; i < 16; i++, sent++) {
                h.bridge.events().publish(new CallEvent.TranscriptUpdated(FLOOD,
                        new TranscriptLine("flood-" + sent, Speaker.ASSISTANT, big, Instant.now()), true, Instant.now()));
            }
            healthy.awaitEvents(e -> FLOOD.equals(e.callId()), sent, WAIT);
            // the call's audio goes on meanwhile, both ways
            String up = call.stream.sendMedia(20L * (round + 1), ServerEvents.audio(160, round & 0xff));
            call.model.awaitAppend(up);
            round++;
        }
        assertEquals(1, h.bridge.eventStreams().attached(), "only the stalled console was dropped");
        call.model.send(ServerEvents.outputItemAdded("resp_1", "item_a1"));
        byte[] down = ServerEvents.audio(160, 7);
        call.model.send(ServerEvents.audioDelta("resp_1", "item_a1", down));
        JsonNode media = call.stream.awaitEvent("media");
        assertEquals(java.util.Base64.getEncoder().encodeToString(down), media.path("media").path("payload").asText());

        // reading again, the stalled console finds it was told to resync
        stalled.readAgain();
        assertEquals(CloseCodes.RESYNC, stalled.closeCode.get(15, TimeUnit.SECONDS)[0]);
        assertTrue(stalled.closeReason.get().startsWith("resync"), stalled.closeReason.get());

        assertInstanceOf(ConnectionState.Connected.class, healthy.state());
        assertEquals("in-progress", h.call(call.id).path("state").asText(), "the call went on");
        call.stream.sendStop();
        healthy.awaitEvent(CallEvent.CallEnded.class, e -> e.callId().equals(call.id), WAIT);
    }

    @Test
    void aConsoleThatFellBehindReconnectsAtOnceAndResumesWithoutLossOrRepeat() throws Exception {
        StreamRecorder recorder = new StreamRecorder();
        CountDownLatch stuck = new CountDownLatch(1);
        // a console whose listener hangs on the first flood event (what no listener may do): it stops reading
        StreamListener hanging = new StreamListener() {
            @Override
            public void onSnapshot(long seq, List<CallSnapshot> calls) {
                recorder.onSnapshot(seq, calls);
            }

            @Override
            public void onEvent(long seq, CallEvent event) {
                if (event instanceof CallEvent.TranscriptUpdated t && t.line().itemId().equals("flood-0")) {
                    try {
                        stuck.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                recorder.onEvent(seq, event);
            }

            @Override
            public void onState(ConnectionState state) {
                recorder.onState(state);
            }
        };
        consoles.connect(h.baseUrl(), BridgeHarness.API_TOKEN, hanging);
        recorder.awaitSnapshot(1, WAIT);
        StreamConsoles.await("the stream attached", () -> h.bridge.eventStreams().attached() == 1, WAIT);
        String big = "y".repeat(64 * 1024);
        long first = h.bridge.eventStreams().lastSeq();
        int sent = 0;
        while (h.bridge.eventStreams().attached() == 1) {
            assertTrue(sent < 200 * 16, "the console that stopped reading was never dropped");
            for (int i = 0; i < 16; i++, sent++) {
                h.bridge.events().publish(new CallEvent.TranscriptUpdated(FLOOD,
                        new TranscriptLine("flood-" + sent, Speaker.ASSISTANT, big, Instant.now()), true, Instant.now()));
            }
            long all = first + sent;
            StreamConsoles.await("the round went out", () -> h.bridge.eventStreams().lastSeq() == all, WAIT);
        }
        int before = recorder.states().size();
        stuck.countDown();
        ConnectionState.Reconnecting dropped = recorder.awaitState(ConnectionState.Reconnecting.class, before, WAIT);
        assertTrue(dropped.reason().startsWith("resync"), dropped.reason());
        recorder.awaitState(ConnectionState.Connected.class, before, WAIT);
        List<StreamRecorder.Received> flood = recorder.awaitEvents(e -> FLOOD.equals(e.callId()), sent,
                Duration.ofSeconds(30));
        assertEquals(sent, flood.size(), "every event once");
        for (int i = 0; i < flood.size(); i++) {
            assertEquals("flood-" + i, ((CallEvent.TranscriptUpdated) flood.get(i).event()).line().itemId());
        }
        assertEquals(1, recorder.snapshots().size(), "resumed from the journal, not resynced");
    }
}
