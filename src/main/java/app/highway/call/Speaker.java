package app.highway.call;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Speaker {
    ASSISTANT("assistant"),
    CALLER("caller"),
    /** A supervisor: a note whispered to the assistant (never heard by the caller), or their own words on a take-over. */
    SUPERVISOR("supervisor");

    private final String wire;

    Speaker(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
