package app.highway.ui.shell;

import app.highway.ConsoleServices;
import app.highway.call.CallEvent;
import app.highway.config.Installation;
import app.highway.ui.about.AboutView;
import app.highway.ui.about.AboutViewModel;
import app.highway.ui.board.BoardView;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.board.Notice;
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
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window over the services a bridge hands it: wiring only. Simulation banner
 * and toolbar on top, the call board beside the selected call's detail and the new-call form,
 * settings, system message, history and analytics tabs, today's totals at the bottom. The bridge's
 * events reach the view models in one batch per tick.
 */
public final class MainWindow implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    private static final java.time.Duration TICK = java.time.Duration.ofMillis(100);

    private final Background background = new Background();
    private final EventInbox inbox;
    private final BoardViewModel board;
    private final CallDetailViewModel detail;
    private final HistoryViewModel history;
    private final BoardView boardView;
    private final NewCallView newCallView;
    private final TabPane tabs;
    private final Toolbar toolbar;
    private final AboutViewModel about;
    private final Scene scene;
    private final FxLoadProbe probe;
    private final Timeline ticker;
    private final Clock clock = Clock.systemUTC();
    private String selectWhenShown;

    /** For a bridge started without the launcher (tests, benchmarks): About shows its data dir. */
    public MainWindow(ConsoleServices services) {
        this(services, Installation.forDataDir(services.facts().dataDir()));
    }

    public MainWindow(ConsoleServices services, Installation installation) {
        ZoneId zone = ZoneId.systemDefault();
        ConsoleServices.Calls calls = services.calls();
        inbox = new EventInbox(services.events());
        board = new BoardViewModel(calls::snapshot, zone);
        detail = CallDetailViewModel.live(calls::snapshot, calls::hangUp, zone, background);
        history = new HistoryViewModel(services.history(), app.highway.config.Json.mapper(), zone, background,
                Platform::runLater);
        ToolbarViewModel actions = new ToolbarViewModel(calls::hangUp, services.simulateCalls(), background);
        board.searchProperty().bind(actions.searchProperty());
        board.filterProperty().bind(actions.filterProperty());

        boardView = new BoardView(board);
        newCallView = new NewCallView(new NewCallViewModel(calls::place, background::supply),
                id -> selectWhenShown = id);
        boardView.node().getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            actions.selectedCallProperty().set(row == null ? null : row.id());
            if (row != null) {
                detail.show(row.id());
            }
        });
        SplitPane split = new SplitPane(boardView.node(), new CallDetailView(detail, zone, "callDetail").node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        BorderPane callsPane = new BorderPane(split);
        callsPane.setLeft(newCallView.node());

        CallDetailViewModel pastCall = CallDetailViewModel.stored(services.history()::find, calls::hangUp, zone,
                background, Platform::runLater);
        tabs = new TabPane(
                tab("Calls", callsPane, "callsTab"),
                tab("Settings", new SettingsView(new SettingsViewModel(services.settings(), services.prices(),
                        background, Platform::runLater)).node(),
                        "settingsTab"),
                tab("System message", new PromptView(new PromptViewModel(services.settings(), services.prompts(),
                        zone, background, Platform::runLater)).node(), "promptTab"),
                tab("History", new HistoryView(history, pastCall, zone).node(), "historyTab"),
                tab("Analytics", new AnalyticsView(history).node(), "analyticsTab"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("mainTabs");

        about = new AboutViewModel(installation, services.facts().dataDir(), System::getProperty);
        toolbar = new Toolbar(actions, this::showNewCallForm, this::showAbout);
        BorderPane root = new BorderPane(tabs);
        root.setTop(toolbar.node());
        root.setBottom(new StatusBar(board.totalsProperty(), services.facts().simulated(),
                services.facts().modelHost()).node());
        root.getStyleClass().add("highway-root");

        scene = new Scene(root, 1360, 820);
        Theme.follow(scene, actions.darkProperty());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                this::showNewCallForm);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), () -> {
            tabs.getSelectionModel().select(0);
            toolbar.focusSearch();
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), actions::hangUpSelected);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), this::showAbout);

        board.onNotice(this::notify);
        history.search();
        probe = new FxLoadProbe(scene);
        ticker = new Timeline(new KeyFrame(Duration.millis(TICK.toMillis()), e -> probe.tick(this::tick)));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    private static Tab tab(String title, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private void showAbout() {
        new AboutView(about).show(scene.getWindow());
    }

    private void showNewCallForm() {
        tabs.getSelectionModel().select(0);
        newCallView.focus();
    }

    /** One UI tick: everything the bridge published since the last one, applied at once. */
    private void tick() {
        List<CallEvent> batch = inbox.drain();
        board.apply(batch, clock.instant());
        detail.apply(batch);
        if (selectWhenShown != null) {
            board.row(selectWhenShown).ifPresent(row -> {
                boardView.node().getSelectionModel().select(row);
                selectWhenShown = null;
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

    public Scene scene() {
        return scene;
    }

    public FxLoad load() {
        return probe.load();
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
        probe.close();
        background.close();
        try {
            inbox.close();
        } catch (Exception e) {
            log.debug("Closing the event inbox: {}", e.getMessage());
        }
        log.info("Console FX load: {}", probe.load().summary());
    }
}
