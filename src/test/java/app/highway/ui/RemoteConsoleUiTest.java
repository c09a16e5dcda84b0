package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeHarness;
import app.highway.support.CuttableProxy;
import app.highway.support.StreamConsoles;
import app.highway.team.Actor;
import app.highway.team.Role;
import app.highway.ui.board.CallRow;
import app.highway.ui.connect.ConnectionBadge;
import app.highway.ui.connect.ConnectionStatus;
import app.highway.ui.shell.MainWindow;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console attached to a bridge started in the test (fake Twilio, fake model), as ConsoleApp shows it: a
 * call another client placed appears on the board with who placed it; an agent's board never shows another
 * agent's call and their settings are read only; the status bar says which bridge and who, that the connection
 * dropped (with its countdown) and that it is back.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class RemoteConsoleUiTest {
    private BridgeHarness h;
    private Stage stage;
    private MainWindow window;
    private ConnectionBadge badge;
    private final List<RemoteConsole> consoles = new ArrayList<>();
    private String alice;
    private String bob;
    private String sue;
    @TempDir
    Path local;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        h = BridgeHarness.start();
        alice = person("alice", Role.AGENT);
        bob = person("bob", Role.AGENT);
        sue = person("sue", Role.SUPERVISOR);
    }

    private String person(String user, Role role) {
        h.bridge.team().addPerson(Actor.OWNER, user, user.toUpperCase(), role);
        return h.bridge.team().issueToken(Actor.OWNER, user, "test").secret();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> {
            if (badge != null) {
                badge.stop();
            }
            if (window != null) {
                window.close();
            }
        });
        consoles.forEach(RemoteConsole::close);
        h.close();
    }

    /** Connects off the FX thread, then shows the console as ConsoleApp does. */
    private void open(String url, String token) throws Exception {
        RemoteConsole console = CompletableFuture.supplyAsync(() -> RemoteConsole.connect(URI.create(url),
                Secret.of(token), local, StreamConsoles.QUICK)).get(10, TimeUnit.SECONDS);
        consoles.add(console);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            ConnectionStatus status = new ConnectionStatus(console.bridge().toString(), console.actor(),
                    Platform::runLater);
            console.watch(status::accept);
            badge = new ConnectionBadge(status);
            window = new MainWindow(console.services());
            window.showRemoteIn(stage, badge.node());
            stage.setTitle(status.title());
            stage.show();
        });
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    private String place(String token) throws Exception {
        HttpResponse<String> r = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":4821}", token);
        assertEquals(201, r.statusCode(), r.body());
        return h.json(r.body()).path("id").asText();
    }

    private static Tab tab(FxRobot robot, String id) {
        return robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream().filter(t -> id.equals(t.getId()))
                .findFirst().orElseThrow();
    }

    @Test
    void aSupervisorsConsoleShowsACallPlacedByAnotherClient(FxRobot robot) throws Exception {
        open(h.baseUrl(), sue);
        Label connection = robot.lookup("#connectionLabel").queryAs(Label.class);
        waitUntil(() -> connection.getText().startsWith("Connected to " + h.baseUrl() + " as sue (supervisor)"));
        assertEquals("Highway Console — sue (supervisor) @ " + h.baseUrl(), stage.getTitle());

        String id = place(alice);
        TableView<CallRow> board = robot.lookup("#callBoard").queryTableView();
        waitUntil(() -> board.getItems().size() == 1);
        assertEquals(id, board.getItems().get(0).id());
        assertTrue(board.getColumns().stream().anyMatch(c -> "Placed by".equals(c.getText())
                && "alice".equals(c.getCellData(board.getItems().get(0)))));
        assertEquals("Settings", tab(robot, "settingsTab").getText(), "a supervisor changes the settings");
        assertTrue(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "auditTab".equals(t.getId())), "a supervisor reads the audit log");
        assertFalse(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "peopleTab".equals(t.getId())), "people and tokens are the admins'");
        assertTrue(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "campaignsTab".equals(t.getId())), "a supervisor runs campaigns");
    }

    @Test
    void anAgentsConsoleShowsOnlyTheirOwnCallsAndReadsTheSettingsOnly(FxRobot robot) throws Exception {
        open(h.baseUrl(), bob);
        Label connection = robot.lookup("#connectionLabel").queryAs(Label.class);
        waitUntil(() -> connection.getText().contains("as bob (agent)"));
        place(alice);
        String own = place(bob);
        TableView<CallRow> board = robot.lookup("#callBoard").queryTableView();
        try {
            waitUntil(() -> board.getItems().size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("board " + board.getItems().stream().map(CallRow::id).toList() + ", console "
                    + consoles.get(0).services().calls().snapshot(own) + ", state " + consoles.get(0).state(), e);
        }
        assertEquals(own, board.getItems().get(0).id(), "alice's call never reaches bob's console");
        Tab settings = tab(robot, "settingsTab");
        assertEquals("Settings (read only)", settings.getText());
        assertTrue(robot.lookup("#settingsTabReadOnly").query().isDisable(), "the settings cannot be changed");
        assertTrue(robot.lookup("#promptTabReadOnly").query().isDisable(), "nor the system message");
        assertFalse(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "auditTab".equals(t.getId())), "no audit log for an agent");
        assertFalse(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "peopleTab".equals(t.getId())), "nor people and tokens");
        assertFalse(robot.lookup("#mainTabs").queryAs(TabPane.class).getTabs().stream()
                .anyMatch(t -> "campaignsTab".equals(t.getId())), "nor campaigns (HIGHWAY_AGENT_CAMPAIGNS is off)");
    }

    @Test
    void theStatusBarSaysAtOnceWhenTheBridgeGoesAwayAndWhenItIsBack(FxRobot robot) throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(h.bridge.port())) {
            String url = "http://127.0.0.1:" + proxy.port();
            open(url, sue);
            Label connection = robot.lookup("#connectionLabel").queryAs(Label.class);
            waitUntil(() -> connection.getText().startsWith("Connected to " + url));

            proxy.cutAndStayDown();
            waitUntil(() -> connection.getText().startsWith("Connection to " + url + " lost"));
            assertTrue(connection.getText().contains("Reconnecting"), connection.getText());
            String id = place(alice); // placed while the console is away

            proxy.restore();
            // the console retries with backoff (250 ms doubling, at most 30 s apart): on a loaded machine the
            // next attempt after the restore may be several seconds away
            WaitForAsyncUtils.waitFor(35, TimeUnit.SECONDS, () -> connection.getText().startsWith("Connected to " + url));
            TableView<CallRow> board = robot.lookup("#callBoard").queryTableView();
            waitUntil(() -> board.getItems().size() == 1 && board.getItems().get(0).id().equals(id));
        }
    }
}
