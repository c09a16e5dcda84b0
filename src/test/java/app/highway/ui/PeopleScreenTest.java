package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.ui.shell.MainWindow;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * The People tab, as an admin uses it against a running bridge: add a person (their first token shown once, in
 * a dialog, and it works against the bridge at once), a name taken or mistyped said in the form; revoke a token
 * after a confirmation (refused at once); disable and enable a person; change a role. The embedded console acts
 * as the owner; a remote console as the admin it connected as, over the bridge's API, where an admin may not
 * disable themselves. Nobody else gets the tab (RemoteConsoleUiTest, PeopleConsoleTest).
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class PeopleScreenTest {
    private BridgeHarness h;
    private Stage stage;
    private MainWindow window;
    private final List<RemoteConsole> consoles = new ArrayList<>();
    @TempDir
    Path local;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        h = BridgeHarness.start();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(() -> {
            if (window != null) {
                window.close();
            }
        });
        consoles.forEach(RemoteConsole::close);
        h.close();
    }

    private void openEmbedded() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(20_000, () -> {
            window = new MainWindow(h.bridge.console());
            window.showIn(stage);
            stage.show();
        });
    }

    private void openRemote(String token) throws Exception {
        RemoteConsole console = CompletableFuture.supplyAsync(() -> RemoteConsole.connect(URI.create(h.baseUrl()),
                Secret.of(token), local, StreamConsoles.QUICK)).get(10, TimeUnit.SECONDS);
        consoles.add(console);
        WaitForAsyncUtils.waitForAsyncFx(10_000, () -> {
            window = new MainWindow(console.services());
            window.showRemoteIn(stage, new Label("remote"));
            stage.show();
        });
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    private void showPeople(FxRobot robot) throws Exception {
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> "peopleTab".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        waitUntil(() -> !message(robot).startsWith("Reading"));
    }

    private static String message(FxRobot robot) {
        return robot.lookup("#peopleMessage").queryAs(Label.class).getText();
    }

    /** The node of that id in a window that is showing now (a dialog closed before may still be found). */
    private static Optional<Node> showing(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(Node::isVisible)
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .findFirst();
    }

    private static void type(FxRobot robot, String id, String text) {
        TextInputControl field = robot.lookup(id).queryTextInputControl();
        robot.interact(() -> field.setText(text));
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String id, Role role) {
        ChoiceBox<Role> choice = robot.lookup(id).queryAs(ChoiceBox.class);
        robot.interact(() -> choice.setValue(role));
    }

    /** Adds a person from the form and returns the token the dialog shows, after closing the dialog. */
    private String addFromTheForm(FxRobot robot, String user, String name, Role role) throws Exception {
        type(robot, "#newPersonUser", user);
        type(robot, "#newPersonName", name);
        choose(robot, "#newPersonRole", role);
        robot.clickOn("#addPersonButton");
        return tokenFromTheDialog(robot, user);
    }

    /** The token the dialog shows (once), after checking what it says and closing it. */
    private String tokenFromTheDialog(FxRobot robot, String user) throws Exception {
        waitUntil(() -> showing(robot, "#issuedTokenSecret").isPresent());
        DialogPane dialog = robot.lookup("#issuedTokenDialog").queryAs(DialogPane.class);
        assertTrue(dialog.getHeaderText().startsWith("Token for " + user), dialog.getHeaderText());
        String secret = ((TextInputControl) showing(robot, "#issuedTokenSecret").orElseThrow()).getText();
        assertTrue(secret.matches("hwy_[A-Za-z0-9_-]{43}"), "the token itself: " + secret.length() + " characters");
        String warning = ((Labeled) showing(robot, "#issuedTokenWarning").orElseThrow()).getText();
        assertTrue(warning.startsWith("You will not see this token again"), warning);
        robot.clickOn(showing(robot, "#copyIssuedToken").orElseThrow());
        assertEquals("Copied.", ((Labeled) showing(robot, "#issuedTokenCopied").orElseThrow()).getText());
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        assertEquals(secret, copied, "Copy puts the token on the clipboard");
        Window dialogWindow = dialog.getScene().getWindow();
        robot.clickOn(showing(robot, "#issuedTokenDone").orElseThrow());
        waitUntil(() -> !dialogWindow.isShowing());
        assertTrue(window.people().orElseThrow().issuedProperty().get() == null, "the console forgets it");
        assertFalse(textsOf(stage.getScene().getRoot()).stream().anyMatch(t -> t.contains(secret)),
                "the token is nowhere else on screen");
        return secret;
    }

    /** Every text the window shows: labels, fields, and table cells' values. */
    private static List<String> textsOf(Parent root) {
        List<String> texts = new ArrayList<>();
        List<Node> nodes = new ArrayList<>(List.of(root));
        while (!nodes.isEmpty()) {
            Node n = nodes.remove(nodes.size() - 1);
            if (n instanceof Labeled l && l.getText() != null) {
                texts.add(l.getText());
            } else if (n instanceof TextInputControl t && t.getText() != null) {
                texts.add(t.getText());
            } else if (n instanceof TableView<?> table) {
                for (Object row : table.getItems()) {
                    for (TableColumn<?, ?> c : table.getColumns()) {
                        @SuppressWarnings("unchecked")
                        Object v = ((TableColumn<Object, ?>) c).getCellData(row);
                        texts.add(String.valueOf(v));
                    }
                }
            }
            if (n instanceof Parent p) {
                nodes.addAll(p.getChildrenUnmodifiable());
            }
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    private static <S> String cell(TableView<S> table, S row, String title) {
        return ((TableColumn<S, String>) table.getColumns().stream().filter(c -> c.getText().equals(title))
                .findFirst().orElseThrow()).getCellData(row);
    }

    private static TableView<Person> people(FxRobot robot) {
        return robot.lookup("#peopleTable").queryTableView();
    }

    private static TableView<ApiToken> tokens(FxRobot robot) {
        return robot.lookup("#tokensTable").queryTableView();
    }

    private static Person row(FxRobot robot, String user) {
        return people(robot).getItems().stream().filter(p -> p.user().equals(user)).findFirst().orElseThrow();
    }

    private void select(FxRobot robot, String user) throws Exception {
        waitUntil(() -> people(robot).getItems().stream().anyMatch(p -> p.user().equals(user)));
        robot.interact(() -> people(robot).getSelectionModel().select(row(robot, user)));
    }

    private static void confirm(FxRobot robot, String id, String... says) throws Exception {
        waitUntil(() -> showing(robot, "#" + id + "Yes").isPresent());
        DialogPane question = robot.lookup("#" + id).queryAs(DialogPane.class);
        for (String word : says) {
            assertTrue(question.getHeaderText().contains(word), question.getHeaderText());
        }
        robot.clickOn(showing(robot, "#" + id + "Yes").orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void anAdminAddsAPersonIssuesAndRevokesTokensDisablesEnablesAndChangesTheirRole(FxRobot robot)
            throws Exception {
        openEmbedded();
        showPeople(robot);
        assertEquals("No people yet: add the first one above.", message(robot));

        // the bridge's rules, while typing
        type(robot, "#newPersonUser", "Carol Smith");
        Label formMessage = robot.lookup("#newPersonMessage").queryAs(Label.class);
        assertTrue(formMessage.getText().contains("lower-case letters"), formMessage.getText());
        assertTrue(robot.lookup("#addPersonButton").queryButton().isDisabled());

        String first = addFromTheForm(robot, "carol", "Carol Smith", Role.SUPERVISOR);
        assertEquals(200, h.get("/audit", first).statusCode(), "her token works at once, as a supervisor's");
        waitUntil(() -> people(robot).getItems().size() == 1);
        Person carol = row(robot, "carol");
        assertEquals("Carol Smith", carol.name());
        assertEquals("supervisor", cell(people(robot), carol, "Role"));
        assertEquals("active", cell(people(robot), carol, "Status"));
        assertEquals("1 active", cell(people(robot), carol, "Tokens"));
        assertEquals("", robot.lookup("#newPersonUser").queryTextInputControl().getText(), "the form is cleared");

        // a name taken: said in the form, what was typed stays, no dialog
        type(robot, "#newPersonUser", "carol");
        robot.clickOn("#addPersonButton");
        waitUntil(() -> formMessage.getText().contains("already a person called carol"));
        assertEquals("carol", robot.lookup("#newPersonUser").queryTextInputControl().getText());
        assertTrue(showing(robot, "#issuedTokenSecret").isEmpty());

        // her tokens: the first one, listed by id, never by its text
        select(robot, "carol");
        waitUntil(() -> tokens(robot).getItems().size() == 1);
        ApiToken firstToken = tokens(robot).getItems().get(0);
        assertEquals("console", firstToken.label());
        type(robot, "#newTokenLabel", "laptop");
        robot.clickOn("#issueTokenButton");
        String laptop = tokenFromTheDialog(robot, "carol");
        waitUntil(() -> tokens(robot).getItems().size() == 2);
        ApiToken used = tokens(robot).getItems().get(0);
        assertFalse("never".equals(cell(tokens(robot), used, "Last used")), "her first token was used to read the log");
        assertEquals("never", cell(tokens(robot), tokens(robot).getItems().get(1), "Last used"));
        assertEquals(200, h.get("/calls", laptop).statusCode());

        // revoke the first, after a question naming her and the token
        robot.interact(() -> tokens(robot).getSelectionModel().select(0));
        robot.clickOn("#revokeTokenButton");
        confirm(robot, "revokeConfirmation", "carol", "\"console\"", firstToken.id());
        waitUntil(() -> tokens(robot).getItems().stream().anyMatch(t -> t.id().equals(firstToken.id()) && t.revoked()));
        assertEquals(401, h.get("/calls", first).statusCode(), "refused at once");
        assertEquals(200, h.get("/calls", laptop).statusCode(), "her other token still works");
        assertTrue(message(robot).startsWith("Revoked carol's token \"console\""), message(robot));
        assertEquals("1 active, 1 revoked", cell(people(robot), row(robot, "carol"), "Tokens"));

        // disable (asked first), then enable
        robot.clickOn("#disablePersonButton");
        confirm(robot, "disableConfirmation", "carol");
        waitUntil(() -> row(robot, "carol").disabled());
        assertEquals(401, h.get("/calls", laptop).statusCode(), "none of her tokens is accepted");
        Button toggle = robot.lookup("#disablePersonButton").queryButton();
        assertEquals("Enable person", toggle.getText());
        assertTrue(robot.lookup("#issueTokenButton").queryButton().isDisabled(), "no new token for a disabled person");
        robot.clickOn(toggle);
        waitUntil(() -> !row(robot, "carol").disabled());
        assertEquals(200, h.get("/calls", laptop).statusCode(), "enabled: her token works again");

        // a supervisor made an agent
        choose(robot, "#personRole", Role.AGENT);
        robot.clickOn("#changeRoleButton");
        waitUntil(() -> row(robot, "carol").role() == Role.AGENT);
        assertEquals(403, h.get("/audit", laptop).statusCode(), "an agent from her next request on");
        assertTrue(message(robot).startsWith("carol is now an agent"), message(robot));

        // each change went through the bridge's audited rules, as the owner
        List<String> audited = new ArrayList<>();
        h.json(h.get("/audit?user=owner", BridgeHarness.API_TOKEN).body()).path("entries")
                .forEach(e -> audited.add(e.path("action").asText()));
        assertEquals(List.of("person.role", "person.enable", "person.disable", "token.revoke", "token.create",
                "token.create", "person.add"), audited);
    }

    @Test
    void aRemoteAdminManagesPeopleOverTheApiButMayNotDisableThemselves(FxRobot robot) throws Exception {
        h.bridge.team().addPerson(Actor.OWNER, "ann", "Ann", Role.ADMIN);
        String ann = h.bridge.team().issueToken(Actor.OWNER, "ann", "desk").secret();
        openRemote(ann);
        showPeople(robot);
        waitUntil(() -> people(robot).getItems().size() == 1);

        String dan = addFromTheForm(robot, "dan", "", Role.AGENT);
        assertEquals(200, h.get("/calls", dan).statusCode(), "his token works against the bridge at once");
        waitUntil(() -> people(robot).getItems().size() == 2);
        assertEquals("dan", row(robot, "dan").name(), "the name defaults to the user name");

        select(robot, "dan");
        waitUntil(() -> tokens(robot).getItems().size() == 1);
        robot.interact(() -> tokens(robot).getSelectionModel().select(0));
        robot.clickOn("#revokeTokenButton");
        confirm(robot, "revokeConfirmation", "dan");
        waitUntil(() -> tokens(robot).getItems().size() == 1 && tokens(robot).getItems().get(0).revoked());
        assertEquals(401, h.get("/calls", dan).statusCode(), "refused at once");

        select(robot, "ann");
        robot.clickOn("#disablePersonButton");
        confirm(robot, "disableConfirmation", "ann");
        waitUntil(() -> message(robot).startsWith("Could not disable ann"));
        assertTrue(message(robot).contains("another admin"), message(robot));
        assertFalse(row(robot, "ann").disabled());
        assertEquals(200, h.get("/people", ann).statusCode(), "she is still an admin");

        List<String> byAnn = new ArrayList<>();
        h.json(h.get("/audit?user=ann", BridgeHarness.API_TOKEN).body()).path("entries")
                .forEach(e -> byAnn.add(e.path("action").asText() + " " + e.path("target").asText()));
        assertEquals(3, byAnn.size(), byAnn.toString());
        assertTrue(byAnn.get(2).equals("person.add dan") && byAnn.get(0).startsWith("token.revoke"), byAnn.toString());
    }
}
