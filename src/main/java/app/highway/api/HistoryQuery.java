package app.highway.api;

import app.highway.call.CallState;
import app.highway.realtime.Tools;
import app.highway.store.CallQuery;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads {@code from, to, state, reflection, number, placedBy, limit, cursor} from the query string, or says
 * what is wrong.
 */
final class HistoryQuery {
    private HistoryQuery() {
    }

    /** {@code query} gives the first value of a query parameter, or null. */
    static CallQuery from(Function<String, String> query, int defaultLimit) {
        String stateText = query.apply("state");
        CallState state = null;
        if (stateText != null && !stateText.isBlank()) {
            state = CallState.fromTwilio(stateText).orElseThrow(() -> new BadRequest("invalid_query",
                    "state must be one of " + java.util.Arrays.stream(CallState.values()).map(CallState::wire)
                            .collect(java.util.stream.Collectors.joining(", "))));
        }
        String reflection = blankToNull(query.apply("reflection"));
        if (reflection != null && !Tools.REFLECTION_STATUSES.contains(reflection)) {
            throw new BadRequest("invalid_query", "reflection must be one of "
                    + String.join(", ", Tools.REFLECTION_STATUSES));
        }
        int limit = limit(query.apply("limit"), defaultLimit, CallQuery.MAX_LIMIT);
        return new CallQuery(time(query.apply("from"), "from", false), time(query.apply("to"), "to", true),
                state, reflection, blankToNull(query.apply("number")), blankToNull(query.apply("placedBy")), limit,
                blankToNull(query.apply("cursor")));
    }

    /** A page size: {@code text} if given (1 to {@code max}, else 400), {@code defaultLimit} if not. */
    static int limit(String text, int defaultLimit, int max) {
        if (text == null) {
            return defaultLimit;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > max) {
            throw new BadRequest("invalid_query", "limit must be between 1 and " + max);
        }
        return limit;
    }

    /** An ISO instant (2026-11-25T10:00:00Z) or a UTC date (2026-11-25; as "to", the whole day is included). */
    private static Instant time(String text, String name, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid_query", name + " must be a date (2026-11-25) or an instant "
                    + "(2026-11-25T10:00:00Z)");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
