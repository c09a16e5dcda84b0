package app.highway.ui;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.config.Installation;
import app.highway.config.PromptHistory;
import app.highway.ui.shell.MainWindow;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console: shows its window at once, starts the embedded bridge (same port, same
 * HTTP API) on a background thread meanwhile, then fills the window. Closing it stops the bridge.
 */
public final class ConsoleApp extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);
    private static AppConfig startConfig;
    private static boolean startSimulated;
    private static Installation startInstallation;

    private volatile Bridge bridge;
    private MainWindow window;

    /** Called by the launcher (not an {@code Application} itself, so {@code --headless} never loads JavaFX). */
    public static void launchConsole(AppConfig config, boolean simulate, Installation installation, String[] args) {
        startConfig = config;
        startSimulated = simulate;
        startInstallation = installation;
        Application.launch(ConsoleApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Highway Console" + (startSimulated ? " — SIMULATION" : ""));
        try (InputStream icon = ConsoleApp.class.getResourceAsStream("/app/highway/ui/icon-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException e) {
            log.debug("No window icon: {}", e.getMessage());
        }
        ProgressIndicator spinner = new ProgressIndicator();
        VBox starting = new VBox(12, spinner, new Label("Starting the bridge on port " + startConfig.port() + "…"));
        starting.setStyle("-fx-alignment: center; -fx-padding: 40;");
        stage.setScene(new Scene(starting, 1360, 820));
        stage.show();
        Platform.runLater(() -> log.info("Window open {} ms after the JVM started; starting the bridge",
                ManagementFactory.getRuntimeMXBean().getUptime()));

        Thread starter = new Thread(() -> {
            try {
                Bridge started = Bridge.start(startConfig, startSimulated);
                bridge = started;
                Platform.runLater(() -> show(stage, started));
            } catch (RuntimeException e) {
                Platform.runLater(() -> fail(e));
            }
        }, "bridge-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void show(Stage stage, Bridge started) {
        window = new MainWindow(started, new PromptHistory(started.config().dataDir(), Clock.systemUTC()),
                startInstallation);
        stage.setScene(window.scene());
        Platform.runLater(() -> log.info("Console ready ({} mode, API on port {}): window shown {} ms after the JVM "
                        + "started", started.simulated() ? "SIMULATION" : "live", started.port(),
                ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    private void fail(RuntimeException e) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "The bridge could not start: " + e.getMessage()
                + "\n\nIs another Highway already using port " + startConfig.port() + "?");
        alert.setHeaderText("Highway Console could not start");
        alert.showAndWait();
        Platform.exit();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        Bridge b = bridge;
        if (b != null) {
            b.close();
        }
    }
}
