package app.highway.ui.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.ui.Snapshots;
import app.highway.usage.TranscriptionUsage;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The selected call's detail, with hand-driven executors and no toolkit. */
@Tag("unit")
class CallDetailViewModelTest {
    private final Map<String, CallSnapshot> calls = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> hungUp = new ArrayList<>();
    /** Work handed to "another thread", run when the test says so. */
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final Executor later = background::add;

    private Optional<CallSnapshot> find(String id) {
        reads.incrementAndGet();
        return Optional.ofNullable(calls.get(id));
    }

    private boolean hangUp(String id) {
        hungUp.add(id);
        return true;
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void showsTheSelectedLiveCallAndRefreshesOnlyForItsOwnEvents() {
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.IN_PROGRESS, null));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        assertEquals("Select a call", detail.titleProperty().get());
        detail.show("hw-a");
        assertEquals("+1555•••6543  ·  CAhw-a", detail.titleProperty().get());
        assertEquals("in-progress", detail.stateProperty().get());
        assertEquals("not reported yet", detail.reflectionProperty().get());
        assertTrue(detail.usageProperty().get().endsWith("total 150"));
        assertEquals(2, detail.transcript().size());
        assertEquals(List.of("10:15:30  placed  to +15559876543"), detail.timeline());
        assertTrue(detail.canHangUpProperty().get());

        int before = reads.get();
        detail.apply(List.of(new CallEvent.CallProblem("hw-other", "boom", Snapshots.T0)));
        assertEquals(before, reads.get(), "another call's events do not refresh the detail");
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, "successful_call"));
        detail.apply(List.of(new CallEvent.CallProblem("hw-a", "late", Snapshots.T0)));
        assertEquals("Successful", detail.reflectionProperty().get());
        assertFalse(detail.canHangUpProperty().get(), "an ended call cannot be hung up");
    }

    @Test
    void hangingUpRunsOffTheCallersThread() {
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.RINGING, null));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        var done = detail.hangUp();
        assertEquals(List.of(), hungUp, "not on the caller's thread");
        runBackground();
        assertEquals(List.of("hw-a"), hungUp);
        assertTrue(done.join());
    }

    @Test
    void aPastCallIsReadInTheBackgroundAndASlowReadForAnEarlierSelectionIsDropped() {
        calls.put("hw-a", Snapshots.of("hw-a", "+15550000001", CallState.COMPLETED, "successful_call"));
        calls.put("hw-b", Snapshots.of("hw-b", "+15550000002", CallState.FAILED, "system_error"));
        CallDetailViewModel detail = CallDetailViewModel.stored(this::find, this::hangUp, ZoneOffset.UTC, later,
                Runnable::run);
        detail.show("hw-a");
        detail.show("hw-b");
        assertEquals(0, reads.get(), "nothing read on the caller's thread");
        assertEquals("Select a call", detail.titleProperty().get());
        runBackground();
        assertEquals(2, reads.get());
        assertTrue(detail.titleProperty().get().startsWith("+1555•••0002"), detail.titleProperty().get());
        assertEquals("System error", detail.reflectionProperty().get());
    }

    @Test
    void aCallThatNoLongerExistsClearsTheDetail() {
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, null));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        calls.clear();
        detail.show("hw-a");
        assertEquals("Select a call", detail.titleProperty().get());
        assertTrue(detail.transcript().isEmpty());
    }

    @Test
    void showsTheCostSplitBetweenTheVoiceModelAndTheTranscription() {
        CallSnapshot s = Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, "successful_call");
        calls.put("hw-a", new CallSnapshot(s.id(), s.callSid(), s.to(), s.note(), s.state(), s.reflection(),
                s.endReason(), s.usage(), 0.0123, 0.0110, TranscriptionUsage.tokens(5, 300, 20), 0.0013,
                s.createdAt(), s.answeredAt(), s.endedAt(), s.durationSeconds(), s.speaking(), s.model(), s.voice(),
                s.promptVersion(), s.simulated(), s.transcript(), s.timeline(), s.settings()));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        assertEquals("$0.0123 (voice $0.0110, transcription $0.0013)", detail.costProperty().get());
    }

    /** Before: "completed (operator_hung_up)", and a tool call read "tool  hang_up_call {...}". */
    @Test
    void endReasonsReflectionsAndToolCallsReadInWordsWithTheRawValueKept() {
        CallSnapshot base = Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, "unsuccessful_call");
        calls.put("hw-a", withTimeline(base, List.of(
                new TimelineEntry(Snapshots.T0, "tool", "hang_up_call {\"hangup\":true}"),
                new TimelineEntry(Snapshots.T0, "tool", "call_reflection_data {\"status\":\"successful_call\"}"),
                new TimelineEntry(Snapshots.T0, "ended", "operator_hung_up"))));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        assertEquals("completed (Hung up by the operator)", detail.stateProperty().get());
        assertEquals("completed (operator_hung_up)", detail.stateRawProperty().get(), "the raw value, for the tooltip");
        assertEquals("Unsuccessful", detail.reflectionProperty().get());
        assertEquals("unsuccessful_call", detail.reflectionRawProperty().get());
        assertEquals(List.of("10:15:30  tool  Assistant hung up",
                "10:15:30  tool  Assistant reported the outcome: Successful",
                "10:15:30  ended  Hung up by the operator"), detail.timeline());
        assertEquals("tool  hang_up_call {\"hangup\":true}", detail.timelineRaw(0));
    }

    /** Before: an ended call without a reflection still said "not reported yet". */
    @Test
    void anEndedCallWithoutAReflectionSaysNoneReported() {
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, null));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        assertEquals("none reported", detail.reflectionProperty().get());
    }

    /** Before: the only warning that a call costs $0 was one line in its timeline. */
    @Test
    void aCallWhoseModelHasNoPriceKeepsTheWarningInSight() {
        CallSnapshot priced = Snapshots.of("hw-a", "+15559876543", CallState.IN_PROGRESS, null);
        calls.put("hw-a", priced);
        calls.put("hw-b", withTimeline(Snapshots.of("hw-b", "+15559876544", CallState.IN_PROGRESS, null), List.of(
                new TimelineEntry(Snapshots.T0, "problem", "No price is set for model my-model: its cost shows as $0"),
                new TimelineEntry(Snapshots.T0, "model", "session configured"))));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        assertEquals("", detail.priceWarningProperty().get());
        detail.show("hw-b");
        assertEquals("No price is set for model my-model: its cost shows as $0", detail.priceWarningProperty().get());
        detail.show("hw-a");
        assertEquals("", detail.priceWarningProperty().get(), "the warning belongs to that call only");
    }

    /** Before: costs under a cent had 4 decimals, others 2 ($0.0123 next to $1.50). */
    @Test
    void costsHaveOnePrecision() {
        assertEquals("$0.0123", app.highway.ui.common.Formats.cost(0.0123));
        assertEquals("$1.5000", app.highway.ui.common.Formats.cost(1.5));
        assertEquals("$0.0000", app.highway.ui.common.Formats.cost(0));
        calls.put("hw-a", Snapshots.of("hw-a", "+15559876543", CallState.COMPLETED, null));
        CallDetailViewModel detail = CallDetailViewModel.live(this::find, this::hangUp, ZoneOffset.UTC, later);
        detail.show("hw-a");
        assertEquals("$0.0123", detail.costProperty().get());
    }

    private static CallSnapshot withTimeline(CallSnapshot c, List<TimelineEntry> timeline) {
        return new CallSnapshot(c.id(), c.callSid(), c.to(), c.note(), c.state(), c.reflection(), c.endReason(),
                c.usage(), c.costUsd(), c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(), c.speaking(),
                c.model(), c.voice(), c.promptVersion(), c.simulated(), c.transcript(), timeline, c.settings());
    }
}
