package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.call.CallEvent;
import app.highway.event.EventBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CallStateTest {

    @Test
    void statesOnlyMoveForwardAndFinalStatesNeverChange() {
        EventBus<CallEvent> bus = new EventBus<>();
        List<CallEvent> seen = new ArrayList<>();
        bus.subscribe(seen::add);
        Call call = new Call("hw-1", "+15559876543", null, CallSettings.defaults("gpt-realtime"), false, bus,
                Clock.systemUTC());
        assertTrue(call.moveTo(CallState.RINGING));
        assertTrue(call.moveTo(CallState.IN_PROGRESS));
        assertFalse(call.moveTo(CallState.RINGING), "no going back to ringing");
        assertFalse(call.moveTo(CallState.IN_PROGRESS), "no repeated transition");
        assertTrue(call.endBecause(EndReason.ASSISTANT_HUNG_UP));
        assertFalse(call.endBecause(EndReason.CALLER_HUNG_UP), "the first reason wins");
        assertTrue(call.moveTo(CallState.COMPLETED));
        assertFalse(call.moveTo(CallState.FAILED));
        assertEquals(CallState.COMPLETED, call.state());
        assertEquals(Optional.of(EndReason.ASSISTANT_HUNG_UP), call.endReason());
        assertEquals(1, seen.stream().filter(e -> e instanceof CallEvent.CallEnded).count());
        assertEquals(3, seen.stream().filter(e -> e instanceof CallEvent.StateChanged).count());
    }

    @Test
    void twilioWordsMapToStates() {
        assertEquals(Optional.of(CallState.QUEUED), CallState.fromTwilio("initiated"));
        assertEquals(Optional.of(CallState.NO_ANSWER), CallState.fromTwilio("no-answer"));
        assertEquals(Optional.of(CallState.IN_PROGRESS), CallState.fromTwilio("In-Progress"));
        assertEquals(Optional.empty(), CallState.fromTwilio("exploded"));
        assertEquals("no-answer", CallState.NO_ANSWER.wire());
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers() {
        EventBus<CallEvent> bus = new EventBus<>();
        List<CallEvent> seen = new ArrayList<>();
        bus.subscribe(e -> {
            throw new IllegalStateException("broken panel");
        });
        bus.subscribe(seen::add);
        new Call("hw-2", "+15559876543", null, CallSettings.defaults("gpt-realtime"), false, bus, Clock.systemUTC());
        assertEquals(1, seen.size());
    }

    @Test
    void transcriptLinesKeepTheOrderSpokenAndFinalTextReplacesPartial() throws Exception {
        Call call = new Call("hw-3", "+15559876543", null, CallSettings.defaults("gpt-realtime"), false,
                new EventBus<>(), Clock.systemUTC());
        call.transcriptStarted("caller-1", Speaker.CALLER);
        Thread.sleep(2);
        call.transcriptDelta("assistant-1", Speaker.ASSISTANT, "Sure");
        call.transcriptDelta("assistant-1", Speaker.ASSISTANT, ", again");
        call.transcriptFinal("caller-1", Speaker.CALLER, "Can you repeat?");
        call.transcriptFinal("assistant-1", Speaker.ASSISTANT, "Sure, again: 1 2 3.");
        var lines = call.snapshot().transcript();
        assertEquals("Can you repeat?", lines.get(0).text());
        assertEquals("Sure, again: 1 2 3.", lines.get(1).text());
    }

    @Test
    void phoneNumbersAreMaskedForDisplay() {
        assertEquals("+1555•••6543", PhoneMask.mask("+15559876543"));
    }
}
