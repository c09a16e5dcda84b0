package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What counts as a turn, on a clock the test moves: once per answer, never the greeting or a talked-over answer. */
@Tag("unit")
class TurnClockTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TurnClock turns = new TurnClock(now::get);

    private void advanceMs(long ms) {
        now.addAndGet(ms * 1_000_000);
    }

    @Test
    void theGreetingIsNoTurnAndAnAnswerCountsOnceFromItsFirstFrame() {
        assertEquals(-1, turns.answered("greeting"), "no stop before the greeting");
        turns.callerStarted(null);
        advanceMs(2000);
        turns.callerStopped(null);
        advanceMs(620);
        assertEquals(620_000_000L, turns.answered("answer_1"));
        advanceMs(20);
        assertEquals(-1, turns.answered("answer_1"), "the answer's later frames are no turn of their own");
    }

    @Test
    void aStopLearntLateCountsFromWhenTheCallerStopped() {
        turns.callerStarted(null);
        advanceMs(1500);
        turns.callerStopped(null, 400_000_000L); // GPT-Live: the caller's last words came 400 ms ago
        advanceMs(100);
        assertEquals(500_000_000L, turns.answered("answer_1"));
    }

    @Test
    void aStopTheCallerTalksOnAfterIsAnsweredByNothingTheLaterStopCounts() {
        turns.callerStopped(null);
        advanceMs(300);
        turns.callerStarted(null); // the caller goes on speaking
        advanceMs(1000);
        assertEquals(-1, turns.answered("late"), "no stop waits while the caller speaks");
        turns.callerStopped(null);
        advanceMs(250);
        assertEquals(250_000_000L, turns.answered("answer"));
    }

    @Test
    void whatIsLeftOfAnAnswerTheCallerTalkedOverAnswersNothing() {
        turns.callerStarted("answer_1"); // barge-in while answer_1 plays
        advanceMs(800);
        turns.callerStopped(null); // the cut answer no longer plays
        advanceMs(5);
        assertEquals(-1, turns.answered("answer_1"), "a frame of the cut answer still in flight");
        advanceMs(400);
        assertEquals(405_000_000L, turns.answered("answer_2"));
    }

    @Test
    void aResponseCancelledOrFailedBeforeItsAudioAnswersNothingAToolCallsDoesNot() {
        turns.callerStopped(null);
        turns.responseEnded("cancelled");
        advanceMs(2000);
        assertEquals(-1, turns.answered("much_later"), "audio long after a cancelled answer is no turn");

        turns.callerStopped(null);
        turns.responseEnded("failed");
        assertEquals(-1, turns.answered("after_failure"));

        turns.callerStopped(null);
        advanceMs(300);
        turns.responseEnded("completed"); // a tool call, no audio: the answer follows
        advanceMs(500);
        assertEquals(800_000_000L, turns.answered("after_tool"));
    }

    @Test
    void aModelSessionStartingOverDropsTheWaitingStop() {
        turns.callerStopped(null);
        turns.reset();
        advanceMs(3000);
        assertEquals(-1, turns.answered("after_reconnect"));
    }

    @Test
    void theCallKeepsEachTurnAndItsNearestRankPercentiles() {
        TurnLatencies t = TurnLatencies.NONE;
        assertEquals(0, t.count());
        assertNull(t.lastMs());
        assertNull(t.p50Ms());
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        for (long ms : new long[] {620, 580, 910, 300}) {
            t = t.plus(new TurnLatencies.Turn(at, ms));
        }
        assertEquals(4, t.count());
        assertEquals(300L, t.lastMs());
        assertEquals(580L, t.p50Ms(), "the 2nd of 300, 580, 620, 910");
        assertEquals(910L, t.p90Ms(), "the 4th of 4");
        assertEquals(150L, TurnLatencies.of(List.of(new TurnLatencies.Turn(at, 150), new TurnLatencies.Turn(at, 400)))
                .p50Ms());
        // whatever a peer claims, the figures follow the turns
        assertEquals(t, new TurnLatencies(99, 1L, 2L, 3L, t.turns()));
    }
}
