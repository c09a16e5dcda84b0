package app.highway.ui.shell;

import app.highway.ConsoleServices;
import app.highway.config.Installation;
import app.highway.sound.AudioDevices;
import app.highway.ui.about.AboutView;
import app.highway.ui.about.AboutViewModel;
import app.highway.ui.audit.AuditViewModel;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.call.SuperviseViewModel;
import app.highway.ui.common.Background;
import app.highway.ui.common.ConsolePreferences;
import app.highway.ui.common.EventInbox;
import app.highway.ui.common.FxLoad;
import app.highway.ui.history.HistoryViewModel;
import app.highway.ui.people.PeopleViewModel;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window over the services a bridge hands it: wiring only. Simulation banner
 * and toolbar on top; the tabs ({@link MainTabs}) in the middle; today's totals at the bottom. The
 * bridge's events reach the view models in one batch per tick.
 */
public final class MainWindow implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    private static final Duration TICK = Duration.millis(100);
    /** The smallest window every board column and toolbar control stays usable in. */
    public static final double MIN_WIDTH = 1024;
    public static final double MIN_HEIGHT = 640;

    private final Background background = new Background();
    private final Clock clock = Clock.systemUTC();
    private final EventInbox inbox;
    private final CallsPage calls;
    private final SuperviseViewModel supervise;
    private final MainTabs tabs;
    private final AboutViewModel about;
    private final Toolbar toolbar;
    private final Scene scene;
    private final FxLoadProbe probe;
    private final Timeline ticker;
    private final CloseGuard closeGuard;
    private final BorderPane root;
    private final RememberedLook look;

    /** For a bridge started without the launcher (tests, benchmarks): About shows its data dir. */
    public MainWindow(ConsoleServices services) {
        this(services, Installation.forDataDir(services.facts().dataDir()));
    }

    public MainWindow(ConsoleServices services, Installation installation) {
        this(services, installation, AudioDevices.system());
    }

    /** With {@code audio} as this computer's speakers and microphone (tests: a recording sink). */
    public MainWindow(ConsoleServices services, Installation installation, AudioDevices audio) {
        ZoneId zone = ZoneId.systemDefault();
        inbox = new EventInbox(services.events());
        ToolbarViewModel actions = new ToolbarViewModel(services.calls()::hangUp, services.simulateCalls(), background);
        supervise = new SuperviseViewModel(services.powers(), audio, services.team().actor(),
                services.calls()::snapshot,
                () -> Objects.requireNonNullElse(services.settings().current().transferNumber(), ""),
                background, Platform::runLater);
        calls = new CallsPage(services.calls(), services.facts().numbers(), services.facts().defaultCountry(), zone,
                background, actions, supervise);
        tabs = new MainTabs(services, calls.node(), zone, background);
        about = new AboutViewModel(installation, services.facts().dataDir(), services.facts().apiTokenFile(),
                System::getProperty);
        toolbar = new Toolbar(actions, this::showNewCallForm, this::showAbout, this::showShortcuts);
        root = new BorderPane(tabs.node());
        root.setTop(toolbar.node());
        root.setBottom(new StatusBar(calls.board().totalsProperty(), services.facts().simulated(),
                services.facts().modelHost()).node());
        root.getStyleClass().add("highway-root");
        scene = new Scene(root, 1360, 820);
        Theme.follow(scene, actions.darkProperty());
        scene.getAccelerators().put(Shortcuts.NEW_CALL, this::showNewCallForm);
        scene.getAccelerators().put(Shortcuts.SEARCH, () -> {
            tabs.showCalls();
            toolbar.focusSearch();
        });
        scene.getAccelerators().put(Shortcuts.HANG_UP, actions::hangUpSelected);
        scene.getAccelerators().put(Shortcuts.ABOUT, this::showAbout);
        scene.getAccelerators().put(Shortcuts.LIST, this::showShortcuts);

        calls.board().onNotice(notice -> Notices.show(scene, notice));
        calls.loadToday(services.history(), LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant());
        probe = new FxLoadProbe(scene);
        ticker = new Timeline(new KeyFrame(TICK, e -> probe.tick(() -> calls.apply(inbox.drain(), clock.instant()))));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        look = new RememberedLook(services.facts().dataDir().resolve(ConsolePreferences.FILE), background,
                actions.darkProperty(), calls.dividerProperty());
        closeGuard = new CloseGuard(() -> calls.board().totalsProperty().get().live(), services.facts().port());
    }

    /**
     * Shows the console in {@code stage}: its scene, its minimum size, and a question before a close
     * that would end live calls.
     */
    public void showIn(Stage stage) {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        closeGuard.install(stage);
    }

    /**
     * Shows the console of a bridge elsewhere in {@code stage}: closing it ends no call (the bridge goes on), so
     * nothing is asked; {@code connection} (which bridge, who, and whether the connection holds) joins the status
     * bar.
     */
    public void showRemoteIn(Stage stage, Node connection) {
        stage.setMinWidth(MIN_WIDTH);
        stage.setMinHeight(MIN_HEIGHT);
        stage.setScene(scene);
        // the bridge's credentials are its operator's to add, not this console's
        if (scene.lookup("#simulationBanner") instanceof Label banner) {
            banner.setText("Simulation: this bridge places no real calls (its operator has not given it OpenAI and "
                    + "Twilio credentials).");
        }
        addToStatusBar(connection);
    }

    /** {@code node} (the connection's state) joins the status bar, on its left. */
    public void addToStatusBar(Node node) {
        Node bar = root.getBottom();
        HBox bottom = new HBox(8, node, bar);
        HBox.setHgrow(bar, Priority.ALWAYS);
        bottom.setAlignment(Pos.CENTER_LEFT);
        root.setBottom(bottom);
    }

    private void showNewCallForm() {
        tabs.showCalls();
        calls.focusNewCall();
    }

    private void showShortcuts() {
        Shortcuts.show(scene.getWindow());
    }

    private void showAbout() {
        new AboutView(about).show(scene.getWindow());
    }

    public Scene scene() {
        return scene;
    }

    public FxLoad load() {
        return probe.load();
    }

    public BoardViewModel board() {
        return calls.board();
    }

    public HistoryViewModel history() {
        return tabs.history();
    }

    /** The audit log's page, or empty when the console's person may not read it. */
    public Optional<AuditViewModel> audit() {
        return tabs.audit();
    }

    /** The People tab's model, or empty when the console's person is not an admin. */
    public Optional<PeopleViewModel> people() {
        return tabs.people();
    }

    @Override
    public void close() {
        look.close(); // a change made in the last moment: saved as the background executor closes
        ticker.stop();
        supervise.close(); // stops listening in, hands back a taken-over call
        probe.close();
        background.close();
        try {
            inbox.close();
        } catch (Exception e) {
            log.debug("Closing the event inbox: {}", e.getMessage());
        }
        tabs.close();
        log.info("Console FX load: {}", probe.load().summary());
    }
}
