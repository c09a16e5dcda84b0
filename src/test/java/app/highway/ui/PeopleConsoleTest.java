package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.support.BridgeHarness;
import app.highway.team.Actor;
import app.highway.team.AuditAction;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.ui.board.CallRow;
import app.highway.ui.shell.MainWindow;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
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
 * The console on a shared bridge: who placed each call on the live board and in History, History filtered by
 * person, and the audit log a page at a time (for supervisors and admins only).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class PeopleConsoleTest {
    private BridgeHarness h;
    private MainWindow window;
    private String alice;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        h.bridge.team().addPerson(Actor.OWNER, "alice", "Alice", Role.AGENT);
        alice = h.bridge.team().issueToken(Actor.OWNER, "alice", "test").secret();
        window = new MainWindow(h.bridge.console());
        window.showIn(stage);
        stage.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(window::close);
        h.close();
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    private static void showTab(FxRobot robot, String title) {
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    private void place(String token) throws Exception {
        HttpResponse<String> r = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":4821}", token);
        assertEquals(201, r.statusCode(), r.body());
    }

    @SuppressWarnings("unchecked")
    private static <S> TableColumn<S, String> column(TableView<S> table, String title) {
        return (TableColumn<S, String>) table.getColumns().stream().filter(c -> c.getText().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no column " + title));
    }

    @Test
    void theBoardAndHistoryShowWhoPlacedEachCallAndHistoryFiltersByPerson(FxRobot robot) throws Exception {
        place(alice);
        place(BridgeHarness.API_TOKEN);
        TableView<CallRow> board = robot.lookup("#callBoard").queryTableView();
        waitUntil(() -> board.getItems().size() == 2);
        TableColumn<CallRow, String> boardPlacedBy = column(board, "Placed by");
        assertEquals(Set.of("alice", "owner"), board.getItems().stream().map(boardPlacedBy::getCellData)
                .collect(Collectors.toSet()));

        showTab(robot, "History");
        TableView<CallSnapshot> history = robot.lookup("#historyTable").queryTableView();
        waitUntil(() -> history.getItems().size() == 2);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> person = robot.lookup("#historyPlacedBy").queryAs(ChoiceBox.class);
        waitUntil(() -> person.getItems().contains("alice"));
        assertEquals(List.of("any", "owner", "alice"), List.copyOf(person.getItems()));

        robot.interact(() -> person.setValue("alice"));
        robot.clickOn("#historySearchButton");
        waitUntil(() -> history.getItems().size() == 1);
        TableColumn<CallSnapshot, String> historyPlacedBy = column(history, "Placed by");
        assertEquals("alice", historyPlacedBy.getCellData(history.getItems().get(0)));
        assertEquals("1 call found", robot.lookup("#historyMessage").queryAs(Label.class).getText());
    }

    @Test
    void theAuditLogIsReadAPageAtATime(FxRobot robot) throws Exception {
        for (int i = 0; i < 60; i++) {
            h.bridge.audit().record(Actor.OWNER, AuditAction.SETTINGS_CHANGE, null, "change " + i);
        }
        place(alice);

        showTab(robot, "Audit");
        TableView<AuditEntry> table = robot.lookup("#auditTable").queryTableView();
        Label message = robot.lookup("#auditMessage").queryAs(Label.class);
        waitUntil(() -> message.getText().startsWith("Page 1"));
        assertEquals(50, table.getItems().size());
        AuditEntry newest = table.getItems().get(0);
        assertEquals("alice", newest.user());
        assertEquals("call.place", newest.action());
        assertEquals("alice", column(table, "Who").getCellData(newest));
        assertFalse(newest.detail().contains("4821"), "never the verification code");
        assertEquals("change 59", table.getItems().get(1).detail());
        Button newer = robot.lookup("#auditNewer").queryButton();
        Button older = robot.lookup("#auditOlder").queryButton();
        assertTrue(newer.isDisabled(), "this is the newest page");

        robot.clickOn(older);
        waitUntil(() -> message.getText().startsWith("Page 2"));
        // the 60 changes and the call, then Alice's person and token from the start: 63 in all
        assertEquals(13, table.getItems().size());
        assertEquals("person.add", table.getItems().get(12).action());
        assertTrue(older.isDisabled(), "this is the oldest page");

        robot.clickOn(newer);
        waitUntil(() -> message.getText().startsWith("Page 1"));
        assertEquals("call.place", table.getItems().get(0).action());
    }

    @Test
    void anAgentsConsoleHasNoAuditTab(FxRobot robot) throws Exception {
        ConsoleServices owner = h.bridge.console();
        ConsoleServices.Team asAgent = new app.highway.support.NotManagingTeam() {
            @Override
            public Actor actor() {
                return new Actor("alice", Role.AGENT);
            }

            @Override
            public List<Person> people() {
                return List.of();
            }

            @Override
            public AuditPage audit(AuditQuery query) {
                throw new AssertionError("an agent's console never reads the audit log");
            }
        };
        ConsoleServices agent = new ConsoleServices(owner.calls(), owner.events(), owner.history(), owner.settings(),
                owner.prices(), owner.prompts(), owner.simulateCalls(), owner.facts(), asAgent, owner.powers(), owner.changes());
        MainWindow agentWindow = WaitForAsyncUtils.asyncFx(() -> new MainWindow(agent)).get();
        try {
            TabPane tabs = (TabPane) agentWindow.scene().lookup("#mainTabs");
            List<String> titles = tabs.getTabs().stream().map(t -> t.getText()).toList();
            assertFalse(titles.contains("Audit"), titles.toString());
            assertFalse(titles.contains("People"), titles.toString());
            assertTrue(agentWindow.people().isEmpty());
            assertTrue(titles.contains("History"), titles.toString());
            assertTrue(agentWindow.audit().isEmpty());
        } finally {
            WaitForAsyncUtils.asyncFx(agentWindow::close).get();
        }
    }
}
