package app.highway.call;

import java.time.Instant;

/** One line of a call's timeline: ringing, answered, tool calls, barge-ins, problems, the end. */
public record TimelineEntry(Instant at, String kind, String detail) { }
