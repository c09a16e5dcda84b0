package app.highway.call;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One spoken turn. {@code at} is when the turn began, so lines sort in the order they were
 * spoken even when the caller's transcription arrives after the assistant's reply.
 */
public record TranscriptLine(@JsonIgnore String itemId, Speaker speaker, String text, Instant at) {
    public TranscriptLine withText(String newText) {
        return new TranscriptLine(itemId, speaker, newText, at);
    }
}
