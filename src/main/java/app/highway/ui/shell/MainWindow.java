package app.highway.ui.shell;

import app.highway.Bridge;
import app.highway.call.Call;
import app.highway.call.CallSnapshot;
import app.highway.config.Installation;
import app.highway.config.PromptHistory;
import app.highway.call.CallEvent;
import app.highway.ui.about.AboutView;
import app.highway.ui.about.AboutViewModel;
import app.highway.ui.board.BoardView;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.board.CallRow;
import app.highway.ui.board.Notice;
import app.highway.ui.board.StateFilter;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.common.Background;
import app.highway.ui.common.EventInbox;
import app.highway.ui.common.FxLoad;
import app.highway.ui.history.AnalyticsView;
import app.highway.ui.history.HistoryView;
import app.highway.ui.history.HistoryViewModel;
import app.highway.ui.launch.NewCallView;
import app.highway.ui.launch.NewCallViewModel;
import app.highway.ui.prompt.PromptView;
import app.highway.ui.prompt.PromptViewModel;
import app.highway.ui.settings.SettingsView;
import app.highway.ui.settings.SettingsViewModel;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window, built over a running bridge: simulation banner, toolbar, the call
 * board beside the selected call's detail and the new-call form, settings and system-message
 * tabs, and today's totals. The bridge's events reach the view models in one batch per tick.
 */
public final class MainWindow implements AutoCloseable {
    /** The FX thread's own CPU time, for {@link FxLoad}. */
    private static final ThreadMXBean FX_THREAD_CPU = ManagementFactory.getThreadMXBean();
    public static final String SIMULATION_BANNER = "Simulation: no real calls are placed. Add OPENAI_API_KEY and "
            + "Twilio credentials to place real calls.";
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    private static final java.time.Duration TICK = java.time.Duration.ofMillis(100);

    private final Bridge bridge;
    private final Background background = new Background();
    private final EventInbox inbox;
    private final BoardViewModel board;
    private final CallDetailViewModel detail;
    private final HistoryViewModel history;
    private final FxLoad load = new FxLoad();
    private long pulseStart;
    private long pulseCpuStart;
    private final Timeline ticker;
    private final AnimationTimer frames;
    private final Scene scene;
    private final BoardView boardView;
    private final NewCallView newCallView;
    private final TextField search = new TextField();
    private final Clock clock = Clock.systemUTC();
    private final AboutViewModel about;
    private String selectWhenShown;
    private boolean dark;

    /** For a bridge started without the launcher (tests, benchmarks): About shows its data dir. */
    public MainWindow(Bridge bridge, PromptHistory prompts) {
        this(bridge, prompts, Installation.forDataDir(bridge.config().dataDir()));
    }

    public MainWindow(Bridge bridge, PromptHistory prompts, Installation installation) {
        this.bridge = bridge;
        this.about = new AboutViewModel(installation, bridge.config().dataDir(), System::getProperty);
        ZoneId zone = ZoneId.systemDefault();
        Function<String, Optional<CallSnapshot>> snapshots = id -> bridge.calls().registry().find(id).map(Call::snapshot);
        inbox = new EventInbox(bridge.calls().events());
        board = new BoardViewModel(snapshots, zone);
        detail = new CallDetailViewModel(snapshots, id -> bridge.calls().hangUp(id), zone);
        history = new HistoryViewModel(bridge.history(), app.highway.config.Json.mapper(), zone,
                background::supply, javafx.application.Platform::runLater);
        NewCallViewModel newCall = new NewCallViewModel(
                (to, code, note) -> bridge.calls().placeCall(to, code, note), background::supply,
                app.highway.call.NumberPolicy.from(bridge.config()));

        boardView = new BoardView(board);
        CallDetailView detailView = new CallDetailView(detail, zone, "callDetail");
        newCallView = new NewCallView(newCall, id -> selectWhenShown = id);
        boardView.node().getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                detail.show(row.id());
            }
        });

        SplitPane split = new SplitPane(boardView.node(), detailView.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        BorderPane calls = new BorderPane(split);
        calls.setLeft(newCallView.node());

        TabPane tabs = new TabPane(
                tab("Calls", calls, "callsTab"),
                tab("Settings", new SettingsView(new SettingsViewModel(bridge.calls().settings(),
                        bridge.calls().prices())).node(), "settingsTab"),
                tab("System message", new PromptView(new PromptViewModel(bridge.calls().settings(), prompts, zone)).node(),
                        "promptTab"),
                tab("History", new HistoryView(history, new CallDetailViewModel(
                        id -> bridge.history().find(id), id -> bridge.calls().hangUp(id), zone), zone).node(),
                        "historyTab"),
                tab("Analytics", new AnalyticsView(history).node(), "analyticsTab"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("mainTabs");

        VBox top = new VBox();
        if (bridge.simulated()) {
            top.getChildren().add(simulationBanner());
        }
        top.getChildren().add(toolbar(tabs));
        BorderPane root = new BorderPane(tabs);
        root.setTop(top);
        root.setBottom(new StatusBar(board.totalsProperty(), bridge.simulated(),
                bridge.config().realtimeUrl().getHost()).node());
        root.getStyleClass().add("highway-root");

        scene = new Scene(root, 1360, 820);
        scene.getStylesheets().add(stylesheet());
        applyTheme();
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            newCallView.focus();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            search.requestFocus();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::hangUpSelected);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::showAbout);

        board.onNotice(this::notify);
        history.search();
        ticker = new Timeline(new KeyFrame(Duration.millis(TICK.toMillis()), e -> tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        scene.addPreLayoutPulseListener(() -> {
            pulseStart = System.nanoTime();
            pulseCpuStart = FX_THREAD_CPU.getCurrentThreadCpuTime();
        });
        scene.addPostLayoutPulseListener(() -> {
            if (pulseStart != 0) {
                load.pulse(System.nanoTime() - pulseStart, FX_THREAD_CPU.getCurrentThreadCpuTime() - pulseCpuStart);
            }
        });
        frames = new AnimationTimer() {
            @Override
            public void handle(long now) {
                load.frame(now);
            }
        };
        frames.start();
    }

    private static Tab tab(String title, javafx.scene.Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    /** One UI tick: everything the bridge published since the last one, applied at once. */
    private void tick() {
        long t0 = System.nanoTime();
        long c0 = FX_THREAD_CPU.getCurrentThreadCpuTime();
        List<CallEvent> batch = inbox.drain();
        board.apply(batch, clock.instant());
        detail.apply(batch);
        if (selectWhenShown != null) {
            board.row(selectWhenShown).ifPresent(row -> {
                boardView.node().getSelectionModel().select(row);
                selectWhenShown = null;
            });
        }
        load.tick(System.nanoTime() - t0, FX_THREAD_CPU.getCurrentThreadCpuTime() - c0);
    }

    private HBox simulationBanner() {
        Label text = new Label(SIMULATION_BANNER, new FontIcon(MaterialDesignA.ALERT));
        text.setId("simulationBanner");
        Button five = new Button("Simulate 5 calls");
        five.setId("simulateCallsButton");
        five.setOnAction(e -> simulateCalls(5));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox banner = new HBox(10, text, spacer, five);
        banner.getStyleClass().add("simulation-banner");
        banner.setPadding(new Insets(6, 10, 6, 10));
        return banner;
    }

    private HBox toolbar(TabPane tabs) {
        search.setId("searchField");
        search.setPromptText("Search by number (Ctrl+F)");
        search.setPrefWidth(240);
        board.searchProperty().bind(search.textProperty());
        ChoiceBox<StateFilter> filter = new ChoiceBox<>();
        filter.setId("stateFilter");
        filter.getItems().setAll(StateFilter.values());
        filter.setValue(StateFilter.ALL);
        board.filterProperty().bind(filter.valueProperty());
        Button newCall = new Button("New call", new FontIcon(MaterialDesignP.PHONE_PLUS));
        newCall.setId("newCallButton");
        newCall.setOnAction(e -> {
            tabs.getSelectionModel().select(0);
            newCallView.focus();
        });
        Button hangUp = new Button("Hang up selected", new FontIcon(MaterialDesignP.PHONE_HANGUP));
        hangUp.setId("hangUpSelectedButton");
        hangUp.setOnAction(e -> hangUpSelected());
        ToggleButton theme = new ToggleButton("Dark", new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.setId("themeToggle");
        theme.selectedProperty().addListener((o, a, b) -> {
            dark = b;
            applyTheme();
        });
        Button aboutButton = new Button("About", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        aboutButton.setId("aboutButton");
        aboutButton.setTooltip(new javafx.scene.control.Tooltip("Version, and where settings and logs are (F1)"));
        aboutButton.setOnAction(e -> showAbout());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, newCall, search, filter, hangUp, spacer, theme, aboutButton);
        bar.getStyleClass().add("toolbar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        return bar;
    }

    private void showAbout() {
        new AboutView(about).show(scene.getWindow());
    }

    private void hangUpSelected() {
        CallRow row = boardView.node().getSelectionModel().getSelectedItem();
        if (row != null) {
            bridge.calls().hangUp(row.id());
        }
    }

    /** In simulation: several believable calls at once, to watch everything move. */
    public void simulateCalls(int n) {
        Random random = new Random();
        for (int i = 0; i < n; i++) {
            String to = String.format("+1555%07d", random.nextInt(10_000_000));
            String code = String.format("%06d", random.nextInt(1_000_000));
            background.supply(() -> {
                try {
                    return bridge.calls().placeCall(to, code, "simulated");
                } catch (Exception e) {
                    log.warn("Simulated call not placed: {}", e.getMessage());
                    return null;
                }
            });
        }
    }

    private void notify(Notice notice) {
        Window owner = scene.getWindow();
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications n = Notifications.create().title(notice.title()).text(notice.text()).owner(owner)
                .hideAfter(Duration.seconds(6));
        if (notice.error()) {
            n.showError();
        } else {
            n.showInformation();
        }
    }

    private void applyTheme() {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    private static String stylesheet() {
        var url = MainWindow.class.getResource("/app/highway/ui/console.css");
        if (url == null) {
            throw new IllegalStateException("Missing resource /app/highway/ui/console.css");
        }
        return url.toExternalForm();
    }

    public Scene scene() {
        return scene;
    }

    public FxLoad load() {
        return load;
    }

    public BoardViewModel board() {
        return board;
    }

    public HistoryViewModel history() {
        return history;
    }

    @Override
    public void close() {
        ticker.stop();
        frames.stop();
        background.close();
        try {
            inbox.close();
        } catch (Exception e) {
            log.debug("Closing the event inbox: {}", e.getMessage());
        }
        log.info("Console FX load: {}", load.summary());
    }
}
