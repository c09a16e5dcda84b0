package app.highway.ui.board;

import java.util.Map;

/** Today's totals for the status bar. */
public record Totals(int calls, int live, Map<String, Integer> byReflection, long tokens, double costUsd) {
    public static final Totals NONE = new Totals(0, 0, Map.of(), 0, 0);
}
