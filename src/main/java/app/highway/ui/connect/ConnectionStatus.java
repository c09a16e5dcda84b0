package app.highway.ui.connect;

import app.highway.stream.ConnectionState;
import app.highway.team.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the status bar says about a remote console's connection, in words, the moment it changes: which bridge
 * and who, or that the connection dropped and when it is tried again ("Reconnecting in 4 s…"), counting down
 * on each {@link #tick}. States arrive on the stream's thread and are applied on the FX thread.
 */
public final class ConnectionStatus {
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final String bridge;
    private final Actor actor;
    private final Executor fx;
    private ConnectionState state;

    public ConnectionStatus(String bridge, Actor actor, Executor fx) {
        this.bridge = bridge;
        this.actor = actor;
        this.fx = fx;
    }

    /** From any thread. */
    public void accept(ConnectionState next) {
        fx.execute(() -> {
            state = next;
            connected.set(next instanceof ConnectionState.Connected);
            tick(Instant.now());
        });
    }

    /** On the FX thread: the words for the state now (the countdown moves). */
    public void tick(Instant now) {
        if (state != null) {
            text.set(describe(state, now));
        }
    }

    String describe(ConnectionState s, Instant now) {
        String who = actor.user() + " (" + actor.role().wireName() + ")";
        if (s instanceof ConnectionState.Connected) {
            return "Connected to " + bridge + " as " + who;
        }
        if (s instanceof ConnectionState.Reconnecting r) {
            long seconds = Math.max(0, (Duration.between(now, r.nextAttempt()).toMillis() + 999) / 1000);
            return "Connection to " + bridge + " lost (" + r.reason() + "). " + (seconds == 0 ? "Reconnecting…"
                    : "Reconnecting in " + seconds + " s…");
        }
        if (s instanceof ConnectionState.Refused r) {
            return "The bridge refused " + who + ": " + r.reason() + ". Start the console again with a new token.";
        }
        if (s instanceof ConnectionState.Connecting) {
            return "Connecting to " + bridge + " as " + who + "…";
        }
        return "Disconnected from " + bridge;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** The window's title: which bridge, which person. */
    public String title() {
        return "Highway Console — " + actor.user() + " (" + actor.role().wireName() + ") @ " + bridge;
    }
}
