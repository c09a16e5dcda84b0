package app.highway.ui;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.config.Installation;
import app.highway.ui.common.Lifecycle;
import app.highway.ui.shell.MainWindow;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import app.highway.remote.RemoteConsole;
import app.highway.ui.connect.ConnectRequest;
import app.highway.ui.connect.ConnectView;
import app.highway.ui.connect.ConnectViewModel;
import app.highway.ui.connect.ConnectionBadge;
import app.highway.ui.connect.ConnectionStatus;
import app.highway.ui.connect.SavedBridges;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop console: starts the embedded bridge (same port, same HTTP API) on a thread of its own
 * before the toolkit, shows its window at once, builds and styles the main window while the console's
 * live calls arrive over loopback, then shows it with them. Closing the window stops the bridge, even one that
 * is still starting ({@link Lifecycle}). Built by the launcher with its parameters; not an
 * {@code Application}, so nothing is handed over through static fields.
 */
public final class ConsoleApp {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApp.class);
    private final AppConfig config;
    private final boolean simulate;
    private final Installation installation;
    private final ConnectRequest connect;
    /** A console of a bridge elsewhere, once connected; closed when the window closes. */
    private volatile RemoteConsole remote;
    private ConnectionBadge badge;
    private final Lifecycle<Bridge> bridge = new Lifecycle<>("bridge");
    /** Connecting to a bridge elsewhere (the network): never on the FX thread. */
    private final java.util.concurrent.ExecutorService dialogWork = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "console-connect");
                t.setDaemon(true);
                return t;
            });
    private final CountDownLatch exited = new CountDownLatch(1);
    /** The embedded bridge, started before the toolkit so that both start together; null until then. */
    private volatile java.util.concurrent.CompletableFuture<Bridge> bridgeStart;
    /** FX thread only. */
    private MainWindow window;
    private boolean closing;

    public ConsoleApp(AppConfig config, boolean simulate, Installation installation) {
        this(config, simulate, installation, ConnectRequest.EMBEDDED);
    }

    /** {@code connect} says whether to run a bridge here (the default) or attach to one elsewhere. */
    public ConsoleApp(AppConfig config, boolean simulate, Installation installation, ConnectRequest connect) {
        this.config = config;
        this.simulate = simulate;
        this.installation = installation;
        this.connect = connect;
    }

    /**
     * Starts the toolkit and the bridge and opens the window; returns once the window is closed and
     * the bridge has stopped.
     */
    public void run() throws InterruptedException {
        routeJavaFxLogging();
        if (!connect.remote()) {
            // the bridge (store, network, simulation) starts on its own thread while the toolkit starts and the
            // window opens: on two cores the two overlap instead of following each other
            bridgeStart = bridge.start(() -> Bridge.startConnectingConsole(config, simulate));
        }
        try {
            Platform.startup(() -> open(new Stage()));
        } catch (RuntimeException | Error e) {
            bridge.stop(); // no display: the bridge started for the window must not keep the process alive
            throw e;
        }
        exited.await();
    }

    /**
     * JavaFX logs through java.util.logging, straight to the terminal in its own format: routed to SLF4J
     * instead, so that logback.xml applies (its QuietStartup filter drops the unnamed-module warning
     * every classpath launch prints) and the lines land in the log file too.
     */
    private static void routeJavaFxLogging() {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
    }

    private void open(Stage stage) {
        stage.setTitle("Highway Console" + (simulate ? " — SIMULATION" : ""));
        try (InputStream icon = ConsoleApp.class.getResourceAsStream("/app/highway/ui/icon-256.png")) {
            if (icon != null) {
                stage.getIcons().add(new Image(icon));
            }
        } catch (java.io.IOException e) {
            log.debug("No window icon: {}", e.getMessage());
        }
        stage.setMinWidth(MainWindow.MIN_WIDTH);
        stage.setMinHeight(MainWindow.MIN_HEIGHT);
        stage.setOnHidden(e -> shutdown());
        if (!connect.remote()) {
            startBridge(stage);
        } else if (connect.dialog()) {
            askHowToStart(stage, null);
        } else {
            connectDirectly(stage);
        }
        stage.show();
    }

    /** Today's default: the window shows "Starting the bridge…" while the embedded bridge starts. */
    private void startBridge(Stage stage) {
        stage.setTitle("Highway Console" + (simulate ? " — SIMULATION" : ""));
        ProgressIndicator spinner = new ProgressIndicator();
        VBox starting = new VBox(12, spinner, new Label("Starting the bridge on port " + config.port() + "…"));
        starting.setStyle("-fx-alignment: center; -fx-padding: 40;");
        stage.setScene(new Scene(starting, 1360, 820));
        Platform.runLater(() -> log.info("Window open {} ms after the JVM started; starting the bridge",
                ManagementFactory.getRuntimeMXBean().getUptime()));
        if (bridgeStart == null) { // chosen in the connection dialog
            bridgeStart = bridge.start(() -> Bridge.startConnectingConsole(config, simulate));
        }
        bridgeStart.whenComplete((started, error) -> {
            if (started != null) {
                Platform.runLater(() -> show(stage, started));
            } else if (!(unwrap(error) instanceof CancellationException)) {
                Platform.runLater(() -> fail(unwrap(error)));
            }
        });
    }

    /** The connection dialog: run a bridge here, or connect to one with a personal token. */
    private void askHowToStart(Stage stage, String problem) {
        stage.setTitle("Highway Console — connect");
        ConnectViewModel vm = new ConnectViewModel(new SavedBridges(installation.directories().configDir()),
                this::connectTo, dialogWork, Platform::runLater, console -> showRemote(stage, console),
                () -> startBridge(stage));
        vm.load(connect.url(), problem);
        StackPane centred = new StackPane(new ConnectView(vm).node());
        stage.setScene(new Scene(centred, 1360, 820));
    }

    /** HIGHWAY_CONNECT_URL and HIGHWAY_CONNECT_TOKEN: straight onto the bridge; on failure, the dialog says why. */
    private void connectDirectly(Stage stage) {
        String url = connect.url().orElseThrow();
        stage.setTitle("Highway Console — connecting to " + url);
        VBox connecting = new VBox(12, new ProgressIndicator(), new Label("Connecting to " + url + "…"));
        connecting.setStyle("-fx-alignment: center; -fx-padding: 40;");
        stage.setScene(new Scene(connecting, 1360, 820));
        java.util.concurrent.CompletableFuture.supplyAsync(() -> connectTo(java.net.URI.create(url),
                connect.token().orElseThrow()), dialogWork).whenComplete((console, error) -> Platform.runLater(() -> {
                    if (console != null) {
                        showRemote(stage, console);
                    } else {
                        askHowToStart(stage, "Not connected: " + unwrap(error).getMessage());
                    }
                }));
    }

    private RemoteConsole connectTo(java.net.URI url, app.highway.config.Secret token) {
        return RemoteConsole.connect(url, token, installation.directories().dataDir());
    }

    private void showRemote(Stage stage, RemoteConsole console) {
        if (closing) {
            console.close();
            return;
        }
        remote = console;
        ConnectionStatus status = new ConnectionStatus(console.bridge().toString(), console.actor(),
                Platform::runLater);
        console.watch(status::accept);
        badge = new ConnectionBadge(status);
        window = new MainWindow(console.services(), installation);
        window.showRemoteIn(stage, badge.node());
        stage.setTitle(status.title());
        log.info("Console ready, attached to the bridge at {} as {} ({})", console.bridge(), console.actor().user(),
                console.actor().role().wireName());
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private void show(Stage stage, Bridge started) {
        if (closing) {
            return;
        }
        // the window is built and styled while the console's live calls come over loopback, then shown with
        // every live call in it from its first frame
        window = new MainWindow(started.console(), installation);
        window.scene().getRoot().applyCss();
        dialogWork.execute(() -> {
            try {
                started.awaitConsoleSnapshot();
                Platform.runLater(() -> reveal(stage, started));
            } catch (RuntimeException e) {
                Platform.runLater(() -> fail(e));
            }
        });
    }

    private void reveal(Stage stage, Bridge started) {
        if (closing) {
            return;
        }
        window.showIn(stage);
        showLoopbackTrouble(started);
        TrainingTour.startIfAsked(stage);
        FirstWaveProbe.startIfAsked(stage, started.console());
        Platform.runLater(() -> log.info("Console ready ({} mode, API on port {}): window shown {} ms after the JVM "
                        + "started", started.simulated() ? "SIMULATION" : "live", started.port(),
                ManagementFactory.getRuntimeMXBean().getUptime()));
    }

    /**
     * The embedded console follows its bridge's live calls over {@code /events} on loopback, as a remote console
     * does: the status bar says nothing about it while it holds, and shows a drop (which should not happen) as
     * a remote console shows one.
     */
    private void showLoopbackTrouble(Bridge started) {
        var live = started.consoleLiveCalls();
        ConnectionStatus status = new ConnectionStatus(live.bridge().toString(), started.console().team().actor(),
                Platform::runLater);
        badge = ConnectionBadge.onlyWhenLost(status);
        live.watch(status::accept);
        window.addToStatusBar(badge.node());
    }

    private void fail(Throwable e) {
        if (closing) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, startFailure(e, config.port()));
        alert.setHeaderText("Highway Console could not start");
        alert.showAndWait();
        shutdown();
    }

    /**
     * What the failure dialog says when the bridge could not start: when its port is taken, that a
     * headless bridge (or another console) may hold it and what to do.
     */
    static String startFailure(Throwable e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (t instanceof java.net.BindException || message.contains("already in use")
                    || message.contains("failed to bind")) {
                return "Port " + port + " is already in use, so the bridge could not start.\n\n"
                        + "A headless Highway bridge (java -jar highway.jar --headless, or the Highway service) or "
                        + "another Highway Console may be holding it. Stop it, or set PORT in .env to a free port, "
                        + "then open the console again.";
            }
        }
        return "The bridge could not start: " + e.getMessage();
    }

    /** The window closed (or the bridge could not start): stop the bridge off the FX thread, then leave. */
    private void shutdown() {
        if (closing) {
            return;
        }
        closing = true;
        if (badge != null) {
            badge.stop();
        }
        if (window != null) {
            window.close();
        }
        RemoteConsole attached = remote;
        if (attached != null) {
            dialogWork.execute(attached::close);
        }
        bridge.stop().whenComplete((v, e) -> {
            log.info("Bridge stopped; console exiting");
            exited.countDown();
        });
        Platform.runLater(Platform::exit); // after the window has finished hiding
    }
}
