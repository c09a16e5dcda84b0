package app.highway.ui.shell;

import app.highway.ConsoleServices;
import app.highway.config.Json;
import app.highway.team.Person;
import app.highway.ui.audit.AuditView;
import app.highway.ui.audit.AuditViewModel;
import app.highway.ui.campaign.CampaignsView;
import app.highway.ui.campaign.CampaignsViewModel;
import app.highway.ui.common.Background;
import app.highway.ui.history.AnalyticsView;
import app.highway.ui.history.HistoryView;
import app.highway.ui.history.HistoryViewModel;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.people.PeopleView;
import app.highway.ui.people.PeopleViewModel;
import app.highway.ui.prompt.PromptView;
import app.highway.ui.prompt.PromptViewModel;
import app.highway.ui.settings.SettingsView;
import app.highway.ui.settings.SettingsViewModel;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's tabs and what showing one does: Calls, Settings and System message (read only for an
 * agent), History and Analytics; Audit for a supervisor or an admin, People for an admin. History and
 * Analytics load the latest calls the first time either is shown, not at start-up; Campaigns (for whoever may
 * run them) reads its list whenever it is shown and then follows the bridge's changes; the audit log is read
 * whenever its tab is shown; the People view is built the first time it is shown.
 */
final class MainTabs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainTabs.class);

    private final TabPane tabs;
    private final HistoryViewModel history;
    /** Null when the console's person may not read the audit log. */
    private final AuditViewModel audit;
    /** Null unless the console's person is an admin. */
    private final PeopleViewModel people;
    /** Null unless the console's person may run campaigns (supervisors, admins; agents if the bridge allows). */
    private final CampaignsViewModel campaigns;
    /** The Settings and System message tabs' subscription to changes saved elsewhere. */
    private final AutoCloseable settingsChanges;

    MainTabs(ConsoleServices services, Node callsPage, ZoneId zone, Background background) {
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
                tab("Calls", callsPage, "callsTab"),
                readOnlyUnless(supervises,
                        lazyTab("Settings", () -> new SettingsView(settingsModel).node(), "settingsTab")),
                readOnlyUnless(supervises,
                        lazyTab("System message", () -> new PromptView(promptModel).node(), "promptTab")),
                lazyTab("History", () -> new HistoryView(history, pastCall, zone).node(), "historyTab"),
                lazyTab("Analytics", () -> new AnalyticsView(history).node(), "analyticsTab"));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("mainTabs");
        // campaigns: supervisors and admins, agents only if the bridge lets them (HIGHWAY_AGENT_CAMPAIGNS)
        campaigns = services.campaigns().available()
                ? new CampaignsViewModel(services.campaigns(), background, Platform::runLater, zone) : null;
        if (campaigns != null) {
            tabs.getTabs().add(lazyTab("Campaigns", () -> new CampaignsView(campaigns, zone).node(), "campaignsTab"));
        }
        // the audit log is for supervisors and admins (the embedded console acts as the owner, an admin)
        audit = supervises ? new AuditViewModel(services.team(), background, Platform::runLater) : null;
        if (audit != null) {
            tabs.getTabs().add(lazyTab("Audit", () -> new AuditView(audit, zone).node(), "auditTab"));
        }
        // people and tokens are managed by admins (the embedded console's owner is one); others never see the tab
        people = services.team().actor().mayAdminister()
                ? new PeopleViewModel(services.team(), background, Platform::runLater) : null;
        if (people != null) {
            tabs.getTabs().add(tab("People", null, "peopleTab"));
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> shown(tab, zone));
    }

    private void shown(Tab tab, ZoneId zone) {
        if (tab != null && ("historyTab".equals(tab.getId()) || "analyticsTab".equals(tab.getId()))) {
            history.opened();
        } else if (tab != null && "campaignsTab".equals(tab.getId())) {
            campaigns.opened();
        } else if (tab != null && "auditTab".equals(tab.getId())) {
            audit.opened();
        } else if (tab != null && "peopleTab".equals(tab.getId())) {
            if (tab.getContent() == null) {
                tab.setContent(new PeopleView(people, zone).node());
            }
            people.opened();
        }
    }

    /** The tab as it is, or, for someone who may not change what it shows, read only (and saying so). */
    private static Tab readOnlyUnless(boolean mayChange, Tab tab) {
        if (!mayChange) {
            tab.setText(tab.getText() + " (read only)");
            // wrapped twice: the tab pane sets its content's disable state from the tab's own
            StackPane readOnly = new StackPane(tab.getContent());
            readOnly.setId(tab.getId() + "ReadOnly");
            readOnly.setDisable(true);
            tab.setContent(new StackPane(readOnly));
            tab.setTooltip(new Tooltip("Supervisors and admins change these; you may read them"));
        }
        return tab;
    }

    private static Tab lazyTab(String title, java.util.function.Supplier<Node> content, String id) {
        return LazyPane.fillWhenShown(tab(title, null, id), content);
    }

    private static Tab tab(String title, Node content, String id) {
        Tab tab = new Tab(title, content);
        tab.setId(id);
        return tab;
    }

    /** Shows the Calls tab. */
    void showCalls() {
        tabs.getSelectionModel().select(0);
    }

    Node node() {
        return tabs;
    }

    HistoryViewModel history() {
        return history;
    }

    Optional<AuditViewModel> audit() {
        return Optional.ofNullable(audit);
    }

    Optional<PeopleViewModel> people() {
        return Optional.ofNullable(people);
    }

    Optional<CampaignsViewModel> campaigns() {
        return Optional.ofNullable(campaigns);
    }

    @Override
    public void close() {
        if (campaigns != null) {
            campaigns.close();
        }
        try {
            settingsChanges.close();
        } catch (Exception e) {
            log.debug("Closing the settings subscription: {}", e.getMessage());
        }
    }
}
