package app.highway.call;

import app.highway.config.CallSettings;
import app.highway.usage.Usage;
import java.time.Instant;
import java.util.List;

/** An immutable view of a call, as the API returns it and the console shows it; {@code settings} are the ones it started with. */
public record CallSnapshot(
        String id,
        String callSid,
        String to,
        String note,
        CallState state,
        String reflection,
        String endReason,
        Usage usage,
        double costUsd,
        Instant createdAt,
        Instant answeredAt,
        Instant endedAt,
        Long durationSeconds,
        Speaker speaking,
        String model,
        String voice,
        int promptVersion,
        boolean simulated,
        List<TranscriptLine> transcript,
        List<TimelineEntry> timeline,
        CallSettings settings) { }
