package app.highway.stream;

import app.highway.call.CallEvent;
import java.util.function.BiFunction;

/**
 * Hides a call's verification code in the events that carry free text (transcript lines, tool-call
 * arguments, problems, timeline notes, what a supervisor whispered or had the assistant say), as the API's
 * records of a call hide it: the stream is read by other people
 * than the one who placed the call (supervisors watching an agent's calls), so what they get says no
 * more than those records do. The person who placed the call typed the code, so their streams get the
 * events as they were ({@link EventStreams}). Gives back {@code e} itself when there was nothing to hide.
 */
final class Redaction {
    private final BiFunction<String, String, String> redact;

    /** {@code redact} takes a call's id and a text about it, and gives the text with that call's code hidden. */
    Redaction(BiFunction<String, String, String> redact) {
        this.redact = redact;
    }

    CallEvent apply(CallEvent e) {
        if (e instanceof CallEvent.TranscriptUpdated t && t.line() != null) {
            String text = redact.apply(t.callId(), t.line().text());
            return text == null || text.equals(t.line().text()) ? e
                    : new CallEvent.TranscriptUpdated(t.callId(), t.line().withText(text), t.complete(), t.at());
        }
        if (e instanceof CallEvent.ToolCalled t) {
            String arguments = redact.apply(t.callId(), t.arguments());
            return arguments == null || arguments.equals(t.arguments()) ? e
                    : new CallEvent.ToolCalled(t.callId(), t.name(), arguments, t.at());
        }
        if (e instanceof CallEvent.TimelineNoted n) {
            String detail = redact.apply(n.callId(), n.detail());
            return detail == null || detail.equals(n.detail()) ? e
                    : new CallEvent.TimelineNoted(n.callId(), n.kind(), detail, n.at());
        }
        if (e instanceof CallEvent.CallProblem p) {
            String message = redact.apply(p.callId(), p.message());
            return message == null || message.equals(p.message()) ? e
                    : new CallEvent.CallProblem(p.callId(), message, p.at());
        }
        if (e instanceof CallEvent.SupervisorAction a) {
            String detail = redact.apply(a.callId(), a.detail());
            return detail == null || detail.equals(a.detail()) ? e
                    : new CallEvent.SupervisorAction(a.callId(), a.action(), a.by(), detail, a.at());
        }
        return e;
    }
}
