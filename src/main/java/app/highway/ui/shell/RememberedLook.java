package app.highway.ui.shell;

import app.highway.ui.common.Background;
import app.highway.ui.common.ConsolePreferences;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's look as it was last time (the theme and the Calls divider): read off the FX thread,
 * applied on it, then saved (off the FX thread, a moment after the last change) whenever either changes.
 * The preferences below are the FX thread's only.
 */
final class RememberedLook implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RememberedLook.class);
    private static final Duration SETTLE = Duration.millis(400);

    private final Path file;
    private ConsolePreferences preferences = ConsolePreferences.DEFAULTS;
    private ConsolePreferences saved;
    private boolean closed;

    /** Starts reading {@code file}; {@code dark} and {@code divider} take what it holds, then are followed. */
    RememberedLook(Path file, Background background, BooleanProperty dark, DoubleProperty divider) {
        this.file = file;
        background.supply(() -> ConsolePreferences.load(file)).whenComplete((read, error) -> Platform.runLater(() -> {
            if (closed) {
                return;
            }
            ConsolePreferences start = read == null ? ConsolePreferences.DEFAULTS : read;
            dark.set(start.dark());
            divider.set(start.callsDivider());
            preferences = start;
            saved = start;
            PauseTransition settle = new PauseTransition(SETTLE);
            settle.setOnFinished(e -> save(background));
            dark.addListener((o, a, isDark) -> {
                preferences = preferences.withDark(isDark);
                settle.playFromStart();
            });
            divider.addListener((o, a, position) -> {
                preferences = preferences.withCallsDivider(position.doubleValue());
                settle.playFromStart();
            });
        }));
    }

    private void save(Executor where) {
        ConsolePreferences now = preferences;
        if (closed || saved == null || now.equals(saved)) {
            return;
        }
        saved = now;
        CompletableFuture.runAsync(() -> now.save(file), where).exceptionally(e -> {
            log.warn("Could not remember the console's look: {}", e.getMessage());
            return null;
        });
    }

    /**
     * Saves a change made in the last moment, on a thread of its own (the background executor is closing),
     * and stops following. FX thread.
     */
    @Override
    public void close() {
        save(work -> new Thread(work, "console-preferences").start());
        closed = true;
    }
}
