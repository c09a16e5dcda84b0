package app.highway.stream;

import app.highway.call.CallEvent;
import java.util.function.BiFunction;

/**
 * Hides a call's verification code in the events that carry free text (transcript lines, tool-call
 * arguments, problems, what a supervisor whispered or had the assistant say), as the API's records of a
 * call hide it: the stream is read by other people
 * than the one who placed the call, and its snapshots are the API's redacted records, so its events
 * must say no more than they do.
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
