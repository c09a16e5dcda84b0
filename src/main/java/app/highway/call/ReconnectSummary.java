package app.highway.call;

import java.util.List;

/** What a reconnected model is told so that it goes on where the conversation stopped, not from the start. */
final class ReconnectSummary {
    /** The latest lines only: enough to go on, and the message stays small. */
    static final int MAX_LINES = 30;

    private ReconnectSummary() {
    }

    static String of(List<TranscriptLine> lines) {
        StringBuilder summary = new StringBuilder("SYSTEM:(The line to you dropped for a moment and is back. The "
                + "call is still going on. The conversation so far:");
        for (TranscriptLine line : lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size())) {
            summary.append(' ').append(line.speaker() == Speaker.ASSISTANT ? "You said: \""
                    : line.speaker() == Speaker.SUPERVISOR ? "Your supervisor told you: \"" : "The customer said: \"")
                    .append(line.text()).append("\".");
        }
        if (lines.isEmpty()) {
            summary.append(" nothing has been said yet.");
        }
        return summary.append(" Continue from where it stopped; do not start over.)").toString();
    }
}
