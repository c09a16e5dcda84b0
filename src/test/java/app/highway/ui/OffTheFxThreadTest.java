package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.config.AppConfig;
import app.highway.config.PromptHistory;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Nothing that touches the disk or the network runs on the FX thread: the console over a simulated
 * bridge whose history, settings, prices and prompt versions note every call made on the FX thread.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class OffTheFxThreadTest {
    private final List<String> onFxThread = new CopyOnWriteArrayList<>();
    private final AtomicInteger historyReads = new AtomicInteger();
    private Bridge bridge;
    private ConsoleServices real;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path data = Files.createTempDirectory("highway-fx-thread");
        bridge = Bridge.start(AppConfig.from(Map.of("PORT", "0", "HIGHWAY_DATA_DIR", data.toString())), true);
        real = bridge.console();
        ConsoleServices watched = new ConsoleServices(real.calls(), real.events(), history(real.history()),
                stored("settings.save", real.settings()), stored("prices.save", real.prices()),
                prompts(real.prompts()), real.simulateCalls(), real.facts(), team(real.team()), real.powers(),
                real.changes());
        window = new MainWindow(watched);
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(window::close);
        bridge.close();
    }

    private void note(String what) {
        if (Platform.isFxApplicationThread()) {
            onFxThread.add(what);
        }
    }

    private ConsoleServices.History history(ConsoleServices.History h) {
        return new ConsoleServices.History() {
            @Override
            public Optional<CallSnapshot> find(String id) {
                note("history.find");
                historyReads.incrementAndGet();
                return h.find(id);
            }

            @Override
            public CallPage list(CallQuery query) {
                note("history.list");
                return h.list(query);
            }

            @Override
            public CallHistory.Deletion delete(String id) {
                note("history.delete");
                return h.delete(id);
            }
        };
    }

    private <T> ConsoleServices.Stored<T> stored(String name, ConsoleServices.Stored<T> s) {
        return ConsoleServices.Stored.of(s::current, v -> {
            note(name);
            s.save(v);
        });
    }

    private ConsoleServices.Prompts prompts(ConsoleServices.Prompts p) {
        return new ConsoleServices.Prompts() {
            @Override
            public List<PromptHistory.Version> versions() {
                return p.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                note("prompts.save");
                return p.save(instructions, template);
            }
        };
    }

    private ConsoleServices.Team team(ConsoleServices.Team t) {
        return new ConsoleServices.Team() {
            @Override
            public app.highway.team.Actor actor() {
                return t.actor();
            }

            @Override
            public List<app.highway.team.Person> people() {
                note("team.people");
                return t.people();
            }

            @Override
            public app.highway.team.AuditPage audit(app.highway.team.AuditQuery query) {
                note("team.audit");
                return t.audit(query);
            }

            @Override
            public List<app.highway.team.ApiToken> tokens() {
                note("team.tokens");
                return t.tokens();
            }

            @Override
            public app.highway.team.IssuedToken addPerson(String user, String name, app.highway.team.Role role,
                    String label) {
                note("team.addPerson");
                return t.addPerson(user, name, role, label);
            }

            @Override
            public app.highway.team.IssuedToken issueToken(String user, String label) {
                note("team.issueToken");
                return t.issueToken(user, label);
            }

            @Override
            public app.highway.team.ApiToken revoke(String tokenId) {
                note("team.revoke");
                return t.revoke(tokenId);
            }

            @Override
            public app.highway.team.Person disable(String user) {
                note("team.disable");
                return t.disable(user);
            }

            @Override
            public app.highway.team.Person enable(String user) {
                note("team.enable");
                return t.enable(user);
            }

            @Override
            public app.highway.team.Person changeRole(String user, app.highway.team.Role role) {
                note("team.changeRole");
                return t.changeRole(user, role);
            }
        };
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    private static void showTab(FxRobot robot, String title) {
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    @Test
    void selectingAPastCallReadsItsRecordOffTheFxThread(FxRobot robot) throws Exception {
        real.simulateCalls().orElseThrow().accept(1);
        showTab(robot, "History");
        robot.clickOn("#historySearchButton");
        TableView<?> table = robot.lookup("#historyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        Label title = robot.lookup("#historyDetail #detailTitle").queryAs(Label.class);
        waitUntil(() -> !"Select a call".equals(title.getText()));
        assertTrue(historyReads.get() >= 1);
        assertEquals(List.of(), onFxThread, "store reads on the FX thread");
    }

    @Test
    void savingSettingsPricesAndTheSystemMessageWritesOffTheFxThread(FxRobot robot) throws Exception {
        showTab(robot, "Settings");
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText().startsWith("Saved"));
        showTab(robot, "System message");
        robot.interact(() -> robot.lookup("#templateArea").queryTextInputControl()
                .setText("SYSTEM:(Read the code {code} slowly.)"));
        robot.clickOn("#savePromptButton");
        waitUntil(() -> robot.lookup("#promptMessage").queryAs(Label.class).getText().startsWith("Saved as version 2"));
        assertEquals(List.of(), onFxThread, "file writes on the FX thread");
    }

    @Test
    void thePeopleAndTheAuditLogAreReadOffTheFxThread(FxRobot robot) throws Exception {
        showTab(robot, "Settings");
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText().startsWith("Saved"));
        showTab(robot, "History");
        showTab(robot, "Audit");
        waitUntil(() -> robot.lookup("#auditMessage").queryAs(Label.class).getText().startsWith("Page 1")
                || robot.lookup("#auditMessage").queryAs(Label.class).getText().startsWith("Nothing"));
        showTab(robot, "People");
        robot.interact(() -> robot.lookup("#newPersonUser").queryTextInputControl().setText("alice"));
        robot.clickOn("#addPersonButton");
        waitUntil(() -> robot.lookup("#peopleTable").queryTableView().getItems().size() == 1);
        waitUntil(() -> robot.lookup("#issuedTokenDone").tryQuery().isPresent());
        robot.interact(() -> ((javafx.stage.Stage) robot.lookup("#issuedTokenDone").query().getScene().getWindow())
                .close());
        assertEquals(List.of(), onFxThread, "store reads and writes on the FX thread");
    }
}
