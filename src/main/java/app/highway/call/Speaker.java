package app.highway.call;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Speaker {
    ASSISTANT("assistant"),
    CALLER("caller");

    private final String wire;

    Speaker(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
