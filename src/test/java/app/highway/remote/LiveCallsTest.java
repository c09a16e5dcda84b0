package app.highway.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Call;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.config.CallSettings;
import app.highway.config.Secret;
import app.highway.event.EventBus;
import app.highway.stream.EventStreamClient;
import app.highway.stream.StreamListener;
import app.highway.usage.Usage;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The snapshot race of {@code /events}: a snapshot reflects at least every event up to its sequence number,
 * and maybe any number after it, which then arrive as well. Whatever the cut, the console's copy of the call
 * ends exactly as the bridge's own, a line is never shown twice and a call never goes back to an earlier state.
 */
@Tag("unit")
class LiveCallsTest {
    private static final String ID = "hw-1";

    /** A call as the bridge holds it, every event it published, and its snapshot after each of them. */
    private record Played(Call call, List<CallEvent> events, List<CallSnapshot> after) { }

    private static Played play() {
        EventBus<CallEvent> bus = new EventBus<>();
        List<CallEvent> events = new ArrayList<>();
        List<CallSnapshot> after = new ArrayList<>();
        Call[] call = new Call[1];
        bus.subscribe(e -> {
            events.add(e);
            after.add(call[0] == null ? null : call[0].snapshot());
        });
        Call c = new Call(ID, "+15559876543", null, "owner", CallSettings.defaults("gpt-realtime"), false, bus,
                Clock.systemUTC());
        call[0] = c;
        after.set(0, c.snapshot()); // the creation was published before the call could be read
        c.placed("CA1");
        c.moveTo(CallState.RINGING);
        c.note("model", "session configured");
        c.moveTo(CallState.IN_PROGRESS);
        c.note("stream", "media stream MZ1 started");
        c.speaking(Speaker.ASSISTANT);
        c.transcriptDelta("item_a1", Speaker.ASSISTANT, "Your code");
        c.transcriptDelta("item_a1", Speaker.ASSISTANT, " is 4711.");
        c.transcriptFinal("item_a1", Speaker.ASSISTANT, "Your code is 4711.");
        c.addUsage(new Usage(120, 80, 200, 20, 100, 0, 0, 0, 10, 70), 0.012);
        c.speaking(Speaker.CALLER);
        c.bargeIn(1200);
        c.transcriptDelta("item_c1", Speaker.CALLER, "Thanks");
        c.transcriptFinal("item_c1", Speaker.CALLER, "Thanks, got it.");
        c.toolCalled("end_call", "{\"reason\":\"done\"}");
        c.problem("the model was slow to answer");
        c.addUsage(new Usage(30, 40, 70, 5, 25, 0, 0, 0, 5, 35), 0.004);
        c.endBecause("caller_hung_up");
        c.beginEnding("assistant_ended");
        c.moveTo(CallState.COMPLETED);
        return new Played(c, events, after);
    }

    @Test
    void whereverTheSnapshotFallsTheConsolesCopyEndsAsTheBridgesOwnWithEachLineOnce() {
        Played p = play();
        CallSnapshot truth = p.call().snapshot();
        int n = p.events().size();
        assertTrue(n > 15, "a call with something to race: " + p.events());
        // the stream numbered `seq` events when it took the snapshot; the call had published `taken` by then
        for (int seq = 0; seq <= n; seq++) {
            for (int taken = seq; taken <= n; taken++) {
                String cut = "snapshot at seq " + seq + " reflecting " + taken + " events";
                LiveCalls live = new LiveCalls(URI.create("http://127.0.0.1:9"), Secret.of("unused"),
                        id -> Optional.empty(), () -> { }, EventStreamClient.Options.defaults());
                List<CallState> states = new ArrayList<>();
                Thread stream = Thread.currentThread(); // (a new call's details are read on another thread)
                live.subscribe(e -> live.snapshot(ID).filter(s -> Thread.currentThread() == stream).ifPresent(s -> {
                    states.add(s.state());
                    Set<String> items = new HashSet<>();
                    for (TranscriptLine line : s.transcript()) {
                        assertTrue(items.add(line.itemId()), cut + ": a line shown twice: " + s.transcript());
                    }
                }));
                StreamListener follower = live.follower();
                follower.onSnapshot(seq, taken == 0 ? List.of() : List.of(p.after().get(taken - 1)));
                for (int i = seq; i < n; i++) {
                    follower.onEvent(i + 1, p.events().get(i));
                }
                CallSnapshot mirror = live.snapshot(ID).orElseThrow();
                assertEquals(truth.transcript(), mirror.transcript(), cut);
                assertEquals(truth.timeline(), mirror.timeline(), cut);
                assertEquals(truth.state(), mirror.state(), cut);
                assertEquals(truth.endReason(), mirror.endReason(), cut);
                assertEquals(truth.answeredAt(), mirror.answeredAt(), cut);
                assertEquals(truth.endedAt(), mirror.endedAt(), cut);
                assertEquals(truth.usage(), mirror.usage(), cut + ": usage counted once");
                assertEquals(truth.costUsd(), mirror.costUsd(), 1e-12, cut + ": cost counted once");
                assertEquals("CA1", mirror.callSid(), cut);
                assertNull(mirror.speaking(), cut);
                for (int i = 1; i < states.size(); i++) {
                    CallState before = states.get(i - 1);
                    CallState now = states.get(i);
                    assertTrue(before == now || before.canMoveTo(now), cut + ": went back from " + before + " to "
                            + now + " (" + states + ")");
                }
                live.close();
            }
        }
    }
}
