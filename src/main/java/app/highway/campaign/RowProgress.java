package app.highway.campaign;

import java.time.Instant;

/**
 * A row's standing as stored and shown: its state, how many attempts were made, when it is next due (a retry,
 * or calling hours), the last outcome and the model's verdict on the last answered call, and a detail for
 * people (why it was skipped, what it waits for).
 */
public record RowProgress(int line, RowState state, int attempts, Instant nextAt, Outcome outcome,
        String reflection, String detail) { }
