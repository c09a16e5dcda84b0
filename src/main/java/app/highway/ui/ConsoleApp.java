package app.highway.ui;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.config.PromptHistory;
import app.highway.ui.shell.MainWindow;
import java.io.InputStream;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console: starts the embedded bridge (same port, same HTTP API) off the FX thread in
 * {@link #init()}, then shows the main window. Closing the window stops the bridge.
 */
public final class ConsoleApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);
    private static AppConfig startConfig;
    private static boolean startSimulated;

    private Bridge bridge;
    private MainWindow window;
    private RuntimeException startFailure;

    /** Called by the launcher (not an {@code Application} itself, so {@code --headless} never loads JavaFX). */
    public static void launchConsole(AppConfig config, boolean simulate, String[] args) {
        startConfig = config;
        startSimulated = simulate;
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void init() {
        try {
            bridge = Bridge.start(startConfig, startSimulated);
        } catch (RuntimeException e) {
            startFailure = e;
        }
    }

    @Override
    public void start(Stage stage) {
        if (startFailure != null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, "The bridge could not start: " + startFailure.getMessage()
                    + "\n\nIs another Highway already using port " + startConfig.port() + "?");
            alert.setHeaderText("Highway Console could not start");
            alert.showAndWait();
            Platform.exit();
            return;
        }
        window = new MainWindow(bridge, new PromptHistory(bridge.config().dataDir(), Clock.systemUTC()));
        stage.setTitle("Highway Console" + (bridge.simulated() ? " — SIMULATION" : ""));
        stage.setScene(window.scene());
        try (InputStream icon = ConsoleApp.class.getResourceAsStream("/app/highway/ui/icon-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException e) {
            log.debug("No window icon: {}", e.getMessage());
        }
        stage.show();
        Platform.runLater(() -> log.info("Console ready ({} mode, API on port {}): window shown {} ms after the JVM "
                        + "started", bridge.simulated() ? "SIMULATION" : "live", bridge.port(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }
}
