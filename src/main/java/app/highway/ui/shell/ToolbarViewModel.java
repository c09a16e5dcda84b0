package app.highway.ui.shell;

import app.highway.ui.board.StateFilter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The toolbar and the simulation banner: board search and state filter, hanging up the selected
 * call, light or dark theme, and (in simulation) placing a few calls to watch. Anything that may
 * wait runs on {@code background}, never the caller's (FX) thread.
 */
public final class ToolbarViewModel {
    /** How many calls "Simulate calls" places. */
    public static final int SIMULATED_CALLS = 5;

    private final Predicate<String> hangUp;
    private final Optional<IntConsumer> simulateCalls;
    private final Executor background;
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(StateFilter.ALL);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> selectedCall = new SimpleObjectProperty<>();
    private final BooleanProperty selectedLive = new SimpleBooleanProperty(false);
    private final javafx.beans.binding.BooleanBinding canHangUp = selectedCall.isNotNull().and(selectedLive);

    public ToolbarViewModel(Predicate<String> hangUp, Optional<IntConsumer> simulateCalls, Executor background) {
        this.hangUp = hangUp;
        this.simulateCalls = simulateCalls;
        this.background = background;
    }

    /** Hangs up the call selected on the board; false if none is selected or it had already ended. */
    public CompletableFuture<Boolean> hangUpSelected() {
        String id = selectedCall.get();
        if (id == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> hangUp.test(id), background);
    }

    /** Whether this bridge can simulate calls (simulation mode only). */
    public boolean canSimulate() {
        return simulateCalls.isPresent();
    }

    /** Places {@link #SIMULATED_CALLS} believable calls; does nothing outside simulation. */
    public CompletableFuture<Void> simulateCalls() {
        return simulateCalls.map(s -> CompletableFuture.runAsync(() -> s.accept(SIMULATED_CALLS), background))
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<StateFilter> filterProperty() {
        return filter;
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    /** Whether the call selected on the board is still live (kept current by the board). */
    public BooleanProperty selectedLiveProperty() {
        return selectedLive;
    }

    /** "Hang up selected" is offered only while a live call is selected. */
    public javafx.beans.binding.BooleanBinding canHangUpSelected() {
        return canHangUp;
    }

    /** The id of the call selected on the board, or null. */
    public ObjectProperty<String> selectedCallProperty() {
        return selectedCall;
    }
}
