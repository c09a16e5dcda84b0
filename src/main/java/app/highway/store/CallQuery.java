package app.highway.store;

import app.highway.call.CallState;
import java.time.Instant;

/** Filters and paging for the call history; any filter may be null. {@code cursor} comes from the previous page. */
public record CallQuery(Instant from, Instant to, CallState state, String reflection, String number, int limit,
        String cursor) {
    public static final int MAX_LIMIT = 500;

    public static CallQuery all() {
        return new CallQuery(null, null, null, null, null, 100, null);
    }
}
