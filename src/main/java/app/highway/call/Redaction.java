package app.highway.call;

import java.util.HashMap;
import java.util.Map;

/**
 * Hides a call's verification code in what is recorded and shown outside the live console. Redacted
 * text is kept by original, so that a record written many times over a call runs the redaction pattern
 * once per line and timeline entry, not on every write (lines only grow and then stay). Not thread-safe:
 * {@link Call} guards it.
 */
final class Redaction {
    private static final int MAX_CACHED = 4096;

    private CodeRedactor redactor = CodeRedactor.none();
    private final Map<String, String> redacted = new HashMap<>();

    /** From now on, {@code code} is hidden wherever it is spoken. */
    void protect(String code) {
        redactor = CodeRedactor.forCode(code);
        redacted.clear();
    }

    /** {@code text} with the code hidden. */
    String redact(String text) {
        return redactor.redact(text);
    }

    /** {@code s} with the code hidden in every transcript line and timeline entry. */
    CallSnapshot of(CallSnapshot s) {
        return new CallSnapshot(s.id(), s.callSid(), s.to(), s.note(), s.placedBy(), s.state(), s.reflection(),
                s.endReason(), s.usage(), s.costUsd(), s.voiceCostUsd(), s.transcriptionUsage(), s.transcriptionCostUsd(),
                s.createdAt(), s.answeredAt(), s.endedAt(), s.durationSeconds(),
                s.speaking(), s.model(), s.voice(), s.promptVersion(), s.simulated(),
                s.transcript().stream().map(l -> l.withText(once(l.text()))).toList(),
                s.timeline().stream().map(t -> new TimelineEntry(t.at(), t.kind(), once(t.detail()))).toList(),
                s.settings(), s.muted(), s.takenOverBy(), s.listeners(), s.turnLatency());
    }

    private String once(String text) {
        if (text == null) {
            return null;
        }
        String r = redacted.get(text);
        if (r == null) {
            if (redacted.size() >= MAX_CACHED) {
                redacted.clear(); // partial transcripts make new strings all the time: keep the cache bounded
            }
            r = redactor.redact(text);
            redacted.put(text, r);
        }
        return r;
    }
}
