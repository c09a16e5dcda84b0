package app.highway.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A call's snapshot follows its events as the bridge's own record does: lines grow in place, the end holds. */
@Tag("unit")
class CallMirrorTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void followsACallFromCreationToItsEnd() {
        CallSnapshot s = CallMirror.created(new CallEvent.CallCreated("hw-1", "+15559876543", "alice", true, T0), null);
        s = CallMirror.apply(s, new CallEvent.CallPlaced("hw-1", "CA1", T0.plusSeconds(1)));
        s = CallMirror.apply(s, new CallEvent.StateChanged("hw-1", CallState.QUEUED, CallState.IN_PROGRESS,
                T0.plusSeconds(2)));
        TranscriptLine partial = new TranscriptLine("item_a1", Speaker.ASSISTANT, "Your code", T0.plusSeconds(3));
        s = CallMirror.apply(s, new CallEvent.TranscriptUpdated("hw-1", partial, false, T0.plusSeconds(3)));
        s = CallMirror.apply(s, new CallEvent.TranscriptUpdated("hw-1", partial.withText("Your code is [code]."), true,
                T0.plusSeconds(4)));
        TranscriptLine earlier = new TranscriptLine("item_c0", Speaker.CALLER, "Hello?", T0.plusMillis(2500));
        s = CallMirror.apply(s, new CallEvent.TranscriptUpdated("hw-1", earlier, true, T0.plusSeconds(5)));
        s = CallMirror.apply(s, new CallEvent.CallEnded("hw-1", CallState.COMPLETED, "caller_hung_up",
                T0.plusSeconds(12)));

        assertEquals("CA1", s.callSid());
        assertEquals("alice", s.placedBy());
        assertEquals(CallState.COMPLETED, s.state());
        assertEquals(List.of("Hello?", "Your code is [code]."), s.transcript().stream().map(TranscriptLine::text)
                .toList(), "one line per turn, in the order spoken");
        assertEquals(10L, s.durationSeconds());
        assertNull(s.speaking());
        assertEquals(List.of("created", "placed", "state", "ended"), s.timeline().stream().map(t -> t.kind())
                .toList());
        CallSnapshot same = s;
        assertSame(same, CallMirror.apply(s, new CallEvent.CallDeleted("hw-1", T0)));
    }

    @Test
    void followsWhatSupervisorsDoToALiveCall() {
        CallSnapshot s = CallMirror.created(new CallEvent.CallCreated("hw-1", "+15559876543", "alice", false, T0), null);
        assertEquals(false, s.muted());
        s = CallMirror.apply(s, new CallEvent.SupervisorAction("hw-1", "mute", "sue", "", T0.plusSeconds(1)));
        s = CallMirror.apply(s, new CallEvent.SupervisionChanged("hw-1", true, "sue", 2, T0.plusSeconds(1)));
        assertEquals(true, s.muted());
        assertEquals("sue", s.takenOverBy());
        assertEquals(2, s.listeners());
        s = CallMirror.apply(s, new CallEvent.TranscriptUpdated("hw-1", new TranscriptLine("supervisor-note-1",
                Speaker.SUPERVISOR, "be brief", T0.plusSeconds(2)), true, T0.plusSeconds(2)));
        s = CallMirror.apply(s, new CallEvent.SupervisionChanged("hw-1", false, null, 0, T0.plusSeconds(3)));
        assertEquals(false, s.muted());
        assertNull(s.takenOverBy());
        assertEquals(Speaker.SUPERVISOR, s.transcript().get(0).speaker());
        assertEquals("mute by sue", s.timeline().get(1).kind() + " " + s.timeline().get(1).detail());
        s = CallMirror.apply(s, new CallEvent.CallPlaced("hw-1", "CA1", T0.plusSeconds(4)));
        assertEquals(false, s.muted(), "other events keep the supervision state");
    }
}
