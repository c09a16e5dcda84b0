package app.highway.ui.shell;

import app.highway.ConsoleServices;
import app.highway.config.Installation;
import app.highway.config.Json;
import app.highway.ui.about.AboutView;
import app.highway.ui.about.AboutViewModel;
import app.highway.ui.audit.AuditView;
import app.highway.ui.audit.AuditViewModel;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.call.SuperviseViewModel;
import app.highway.sound.AudioDevices;
import app.highway.ui.common.Background;
import app.highway.ui.common.ConsolePreferences;
import app.highway.ui.common.EventInbox;
import app.highway.ui.common.FxLoad;
import app.highway.ui.history.AnalyticsView;
import app.highway.ui.history.HistoryView;
import app.highway.ui.history.HistoryViewModel;
import app.highway.ui.people.PeopleView;
import app.highway.ui.people.PeopleViewModel;
import app.highway.ui.prompt.PromptView;
import app.highway.ui.prompt.PromptViewModel;
import app.highway.ui.settings.SettingsView;
import app.highway.ui.settings.SettingsViewModel;
import app.highway.call.CallSnapshot;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.team.Person;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.time.ZoneId;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's main window over the services a bridge hands it: wiring only. Simulation banner
 * and toolbar on top; Calls, Settings, System message, History and Analytics tabs (and Audit, for a
 * supervisor or an admin, and People, for an admin); today's totals at the bottom. The bridge's events
 * reach the view models in one batch per tick.
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
    /** The Settings and System message tabs' subscription to changes saved elsewhere. */
    private final AutoCloseable settingsChanges;
    private final CallsPage calls;
    private final SuperviseViewModel supervise;
    private final HistoryViewModel history;
    /** Null when the console's person may not read the audit log. */
    private final AuditViewModel audit;
    /** Null unless the console's person is an admin. */
    private final PeopleViewModel people;
    private final AboutViewModel about;
    private final TabPane tabs;
    private final Toolbar toolbar;
    private final Scene scene;
    private final FxLoadProbe probe;
    private final Timeline ticker;
    private final CloseGuard closeGuard;
    private final BorderPane root;
    /** FX thread only. */
    private ConsolePreferences preferences = ConsolePreferences.DEFAULTS;
    private ConsolePreferences savedPreferences;
    private final java.nio.file.Path preferencesFile;
    private boolean closed;

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
                () -> java.util.Objects.requireNonNullElse(services.settings().current().transferNumber(), ""),
                background, Platform::runLater);
        calls = new CallsPage(services.calls(), services.facts().numbers(), services.facts().defaultCountry(), zone,
                background, actions, supervise);
        history = new HistoryViewModel(services.history(),
                () -> services.team().people().stream().map(Person::user).toList(), Json.mapper(), zone, background,
                Platform::runLater);
        CallDetailViewModel pastCall = CallDetailViewModel.stored(services.history()::find, services.calls()::hangUp,
                zone, background, Platform::runLater);
        // an agent (a remote console's person) sees the settings a call uses but may not change them
        boolean supervises = services.team().actor().maySupervise();
        SettingsViewModel settingsModel = new SettingsViewModel(services.settings(), services.prices(), background,
                Platform::runLater);
        PromptViewModel promptModel = new PromptViewModel(services.settings(), services.prompts(), zone, background,
                Platform::runLater);
        // a change saved elsewhere (another console, the API, another bridge): the open tabs follow it
        settingsChanges = services.changes().subscribe(() -> Platform.runLater(() -> {
            settingsModel.storesChanged();
            promptModel.storesChanged();
        }));
        // every tab but Calls is built the first time it is shown (LazyPane): the start styles one page, not six
        tabs = new TabPane(
                tab("Calls", calls.node(), "callsTab"),
                readOnlyUnless(supervises,
                        lazyTab("Settings", () -> new SettingsView(settingsModel).node(), "settingsTab")),
                readOnlyUnless(supervises,
                        lazyTab("System message", () -> new PromptView(promptModel).node(), "promptTab")),
                lazyTab("History", () -> new HistoryView(history, pastCall, zone).node(), "historyTab"),
                lazyTab("Analytics", () -> new AnalyticsView(history).node(), "analyticsTab"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("mainTabs");
        // the audit log is for supervisors and admins (the embedded console acts as the owner, an admin)
        audit = services.team().actor().maySupervise()
                ? new AuditViewModel(services.team(), background, Platform::runLater) : null;
        if (audit != null) {
            tabs.getTabs().add(lazyTab("Audit", () -> new AuditView(audit, zone).node(), "auditTab"));
        }
        // people and tokens are managed by admins (the embedded console's owner is one); others never see the tab.
        // Its view is built the first time it is shown, so that it costs the console's start-up nothing
        people = services.team().actor().mayAdminister()
                ? new PeopleViewModel(services.team(), background, Platform::runLater) : null;
        if (people != null) {
            tabs.getTabs().add(tab("People", null, "peopleTab"));
        }
        // History and Analytics load the latest calls the first time either is shown, not at start-up; the
        // audit log is read whenever its tab is shown
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> {
            if (tab != null && ("historyTab".equals(tab.getId()) || "analyticsTab".equals(tab.getId()))) {
                history.opened();
            } else if (tab != null && "auditTab".equals(tab.getId())) {
                audit.opened();
            } else if (tab != null && "peopleTab".equals(tab.getId())) {
                if (tab.getContent() == null) {
                    tab.setContent(new PeopleView(people, zone).node());
                }
                people.opened();
            }
        });

        about = new AboutViewModel(installation, services.facts().dataDir(), services.facts().apiTokenFile(),
                System::getProperty);
        toolbar = new Toolbar(actions, this::showNewCallForm, this::showAbout, this::showShortcuts);
        root = new BorderPane(tabs);
        root.setTop(toolbar.node());
        root.setBottom(new StatusBar(calls.board().totalsProperty(), services.facts().simulated(),
                services.facts().modelHost()).node());
        root.getStyleClass().add("highway-root");
        scene = new Scene(root, 1360, 820);
        Theme.follow(scene, actions.darkProperty());
        scene.getAccelerators().put(Shortcuts.NEW_CALL, this::showNewCallForm);
        scene.getAccelerators().put(Shortcuts.SEARCH, () -> {
            tabs.getSelectionModel().select(0);
            toolbar.focusSearch();
        });
        scene.getAccelerators().put(Shortcuts.HANG_UP, actions::hangUpSelected);
        scene.getAccelerators().put(Shortcuts.ABOUT, this::showAbout);
        scene.getAccelerators().put(Shortcuts.LIST, this::showShortcuts);

        calls.board().onNotice(notice -> Notices.show(scene, notice));
        loadToday(services.history(), zone);
        probe = new FxLoadProbe(scene);
        ticker = new Timeline(new KeyFrame(TICK, e -> probe.tick(() -> calls.apply(inbox.drain(), clock.instant()))));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        preferencesFile = services.facts().dataDir().resolve(ConsolePreferences.FILE);
        rememberLook(preferencesFile, actions);
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
        if (scene.lookup("#simulationBanner") instanceof javafx.scene.control.Label banner) {
            banner.setText("Simulation: this bridge places no real calls (its operator has not given it OpenAI and "
                    + "Twilio credentials).");
        }
        addToStatusBar(connection);
    }

    /** {@code node} (the connection's state) joins the status bar, on its left. */
    public void addToStatusBar(Node node) {
        Node bar = root.getBottom();
        javafx.scene.layout.HBox bottom = new javafx.scene.layout.HBox(8, node, bar);
        javafx.scene.layout.HBox.setHgrow(bar, javafx.scene.layout.Priority.ALWAYS);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        root.setBottom(bottom);
    }

    /** The tab as it is, or, for someone who may not change what it shows, read only (and saying so). */
    private static Tab readOnlyUnless(boolean mayChange, Tab tab) {
        if (!mayChange) {
            tab.setText(tab.getText() + " (read only)");
            // wrapped twice: the tab pane sets its content's disable state from the tab's own
            javafx.scene.layout.StackPane readOnly = new javafx.scene.layout.StackPane(tab.getContent());
            readOnly.setId(tab.getId() + "ReadOnly");
            readOnly.setDisable(true);
            tab.setContent(new javafx.scene.layout.StackPane(readOnly));
            tab.setTooltip(new javafx.scene.control.Tooltip("Supervisors and admins change these; you may read them"));
        }
        return tab;
    }

    /**
     * The theme and the Calls divider as they were last time: read off the FX thread, applied on it,
     * then saved (off the FX thread, a moment after the last change) whenever either changes.
     */
    private void rememberLook(java.nio.file.Path file, ToolbarViewModel actions) {
        background.supply(() -> ConsolePreferences.load(file)).whenComplete((saved, error) -> Platform.runLater(() -> {
            if (closed) {
                return;
            }
            ConsolePreferences start = saved == null ? ConsolePreferences.DEFAULTS : saved;
            actions.darkProperty().set(start.dark());
            calls.dividerProperty().set(start.callsDivider());
            preferences = start;
            savedPreferences = start;
            javafx.animation.PauseTransition settle = new javafx.animation.PauseTransition(Duration.millis(400));
            settle.setOnFinished(e -> savePreferences(file, background));
            actions.darkProperty().addListener((o, a, dark) -> {
                preferences = preferences.withDark(dark);
                settle.playFromStart();
            });
            calls.dividerProperty().addListener((o, a, position) -> {
                preferences = preferences.withCallsDivider(position.doubleValue());
                settle.playFromStart();
            });
        }));
    }

    private void savePreferences(java.nio.file.Path file, java.util.concurrent.Executor where) {
        ConsolePreferences now = preferences;
        if (closed || savedPreferences == null || now.equals(savedPreferences)) {
            return;
        }
        savedPreferences = now;
        java.util.concurrent.CompletableFuture.runAsync(() -> now.save(file), where).exceptionally(e -> {
            log.warn("Could not remember the console's look: {}", e.getMessage());
            return null;
        });
    }

    /** Today's calls from the store, read off the FX thread, so that "Today" survives a restart. */
    private void loadToday(ConsoleServices.History past, ZoneId zone) {
        Instant midnight = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
        background.supply(() -> {
            List<CallSnapshot> today = new ArrayList<>();
            String cursor = null;
            do {
                CallPage page = past.list(new CallQuery(midnight, null, null, null, null, CallQuery.MAX_LIMIT, cursor));
                today.addAll(page.calls());
                cursor = page.nextCursor();
            } while (cursor != null);
            return today;
        }).whenComplete((today, error) -> {
            if (error != null) {
                log.warn("Could not read today's calls from the store: {}", error.getMessage());
            } else {
                Platform.runLater(() -> calls.board().seedToday(today));
            }
        });
    }

    private static Tab lazyTab(String title, java.util.function.Supplier<Node> content, String id) {
        return LazyPane.fillWhenShown(tab(title, null, id), content);
    }

    private static Tab tab(String title, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    private void showNewCallForm() {
        tabs.getSelectionModel().select(0);
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
        return history;
    }

    /** The audit log's page, or empty when the console's person may not read it. */
    public java.util.Optional<AuditViewModel> audit() {
        return java.util.Optional.ofNullable(audit);
    }

    /** The People tab's model, or empty when the console's person is not an admin. */
    public java.util.Optional<PeopleViewModel> people() {
        return java.util.Optional.ofNullable(people);
    }

    @Override
    public void close() {
        // a change made in the last moment: on a thread of its own, as the background executor is closing
        savePreferences(preferencesFile, work -> new Thread(work, "console-preferences").start());
        closed = true;
        ticker.stop();
        supervise.close(); // stops listening in, hands back a taken-over call
        probe.close();
        background.close();
        try {
            inbox.close();
        } catch (Exception e) {
            log.debug("Closing the event inbox: {}", e.getMessage());
        }
        try {
            settingsChanges.close();
        } catch (Exception e) {
            log.debug("Closing the settings subscription: {}", e.getMessage());
        }
        log.info("Console FX load: {}", probe.load().summary());
    }
}
