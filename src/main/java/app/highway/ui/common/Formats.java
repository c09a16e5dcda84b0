package app.highway.ui.common;

import app.highway.call.CallState;
import app.highway.call.TurnLatencies;
import java.time.Duration;
import java.util.Locale;

/** How numbers and durations read on screen. */
public final class Formats {
    private Formats() {
    }

    public static String elapsed(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }

    /** One precision for money everywhere in the console: US dollars to 4 decimals ($0.0123). */
    public static String cost(double usd) {
        return String.format(Locale.ROOT, "$%.4f", usd);
    }

    public static String tokens(long n) {
        return n >= 10_000 ? String.format(Locale.ROOT, "%.1fk", n / 1000.0) : String.valueOf(n);
    }

    /**
     * How long the caller waited for the assistant's answers ({@code last 620 ms · p50 580 · p90 910}); empty
     * when no turn has been measured yet.
     */
    public static String turnLatency(TurnLatencies t) {
        if (t == null || t.count() == 0) {
            return "";
        }
        return "last " + t.lastMs() + " ms · p50 " + t.p50Ms() + " · p90 " + t.p90Ms();
    }

    /** The CSS class of a state's colour. */
    public static String stateStyle(CallState state) {
        return switch (state) {
            case QUEUED, RINGING -> "state-ringing";
            case IN_PROGRESS -> "state-live";
            case COMPLETED -> "state-done";
            default -> "state-failed";
        };
    }

    /** A reflection status in words (see {@link Words}). */
    public static String reflection(String status) {
        return Words.reflection(status);
    }
}
