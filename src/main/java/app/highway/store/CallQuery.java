package app.highway.store;

import app.highway.call.CallState;
import java.time.Instant;

/**
 * Filters and paging for the call history; any filter may be null. {@code placedBy} is the user name of
 * who placed the calls ({@code owner} for the bridge's own token). {@code cursor} comes from the previous page.
 */
public record CallQuery(Instant from, Instant to, CallState state, String reflection, String number,
        String placedBy, int limit, String cursor) {
    public static final int MAX_LIMIT = 500;

    /** Without a filter on who placed the calls. */
    public CallQuery(Instant from, Instant to, CallState state, String reflection, String number, int limit,
            String cursor) {
        this(from, to, state, reflection, number, null, limit, cursor);
    }

    public static CallQuery all() {
        return new CallQuery(null, null, null, null, null, null, 100, null);
    }

    /** The same filters, the page of {@code limit} calls after {@code next}. */
    public CallQuery page(int pageLimit, String next) {
        return new CallQuery(from, to, state, reflection, number, placedBy, pageLimit, next);
    }

    /** The same query for the calls {@code user} placed. */
    public CallQuery placedBy(String user) {
        return new CallQuery(from, to, state, reflection, number, user, limit, cursor);
    }
}
