package app.highway.call;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one call, one per conversation item, in the order they were spoken. Bounded against a
 * hostile or broken peer (a real call has a few dozen lines). Not thread-safe: {@link Call} guards it.
 */
final class Transcript {
    static final int MAX_LINES = 2000;

    private final Map<String, TranscriptLine> lines = new LinkedHashMap<>();

    /** Appends to (or starts) the line of an item; null when the bound is reached. */
    TranscriptLine append(String itemId, Speaker speaker, String delta, Instant now) {
        TranscriptLine line = lines.get(itemId);
        if (line == null && lines.size() >= MAX_LINES) {
            return null;
        }
        line = line == null ? new TranscriptLine(itemId, speaker, delta, now) : line.withText(line.text() + delta);
        lines.put(itemId, line);
        return line;
    }

    /** Reserves a line's place in the order spoken, before its text is known. */
    void reserve(String itemId, Speaker speaker, Instant now) {
        if (lines.size() < MAX_LINES) {
            lines.computeIfAbsent(itemId, k -> new TranscriptLine(k, speaker, "", now));
        }
    }

    /** The final text of a line replaces whatever partial text it had; null when the bound is reached. */
    TranscriptLine complete(String itemId, Speaker speaker, String text, Instant now) {
        TranscriptLine line = lines.get(itemId);
        if (line == null && lines.size() >= MAX_LINES) {
            return null;
        }
        line = line == null ? new TranscriptLine(itemId, speaker, text, now) : line.withText(text);
        lines.put(itemId, line);
        return line;
    }

    /** The lines said so far, in the order spoken (lines reserved but still empty are left out). */
    List<TranscriptLine> spoken() {
        return lines.values().stream()
                .filter(l -> !l.text().isBlank())
                .sorted(Comparator.comparing(TranscriptLine::at))
                .toList();
    }
}
