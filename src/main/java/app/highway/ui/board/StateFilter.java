package app.highway.ui.board;

import app.highway.call.CallState;

/** The board's state filter. */
public enum StateFilter {
    ALL("All calls"),
    LIVE("Live"),
    COMPLETED("Completed"),
    FAILED("Failed / not answered");

    private final String label;

    StateFilter(String label) {
        this.label = label;
    }

    public boolean accepts(CallState state) {
        return switch (this) {
            case ALL -> true;
            case LIVE -> !state.isFinal();
            case COMPLETED -> state == CallState.COMPLETED;
            case FAILED -> state.isFinal() && state != CallState.COMPLETED;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
