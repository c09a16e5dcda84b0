package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.ui.shell.MainWindow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * An open Settings or System message tab follows a change saved through the bridge's API (as another console,
 * a script or another bridge of the fleet would save it): without unsaved edits it shows the change at once;
 * with them, a banner offers Reload or Keep editing, and saving keeps the other change (the same field changed
 * on both sides is refused in words). The embedded console and a remote one alike.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class LiveSettingsConsoleTest {
    private BridgeHarness h;
    private Stage stage;
    private MainWindow window;
    private RemoteConsole remote;
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
        if (remote != null) {
            remote.close();
        }
        h.close();
    }

    private void openEmbedded() throws Exception {
        WaitForAsyncUtils.waitForAsyncFx(30_000, () -> {
            window = new MainWindow(h.bridge.console());
            window.showIn(stage);
            stage.show();
        });
    }

    private void openRemote() throws Exception {
        remote = CompletableFuture.supplyAsync(() -> RemoteConsole.connect(URI.create(h.baseUrl()),
                Secret.of(BridgeHarness.API_TOKEN), local, StreamConsoles.QUICK)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForAsyncFx(30_000, () -> {
            window = new MainWindow(remote.services());
            window.showIn(stage);
            stage.show();
        });
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    private static void showTab(FxRobot robot, String id) {
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> id.equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    /** The Settings tab's field for the setting named {@code name}. */
    private static TextField field(FxRobot robot, String name) {
        return (TextField) robot.lookup(n -> n instanceof Label l && name.equals(l.getText()) && l.getLabelFor() != null)
                .queryAs(Label.class).getLabelFor();
    }

    private static boolean shown(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        return n.isVisible() && n.isManaged();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    /** Saves the settings through the API with {@code field} set to {@code value}, as another client would. */
    private void saveThroughApi(String field, double value) throws Exception {
        ObjectNode s = (ObjectNode) h.json(h.get("/settings", BridgeHarness.API_TOKEN).body());
        s.put(field, value);
        HttpResponse<String> r = h.put("/settings", s.toString(), BridgeHarness.API_TOKEN);
        assertEquals(200, r.statusCode(), r.body());
    }

    private JsonNode settings() throws Exception {
        return h.json(h.get("/settings", BridgeHarness.API_TOKEN).body());
    }

    @Test
    void anOpenSettingsTabWithoutEditsShowsAChangeSavedThroughTheApi(FxRobot robot) throws Exception {
        openEmbedded();
        showTab(robot, "settingsTab");
        TextField ring = field(robot, "Ring timeout (s)");
        assertEquals("30", ring.getText());
        saveThroughApi("ringTimeoutSeconds", 45);
        waitUntil(() -> "45".equals(ring.getText()));
        waitUntil(() -> text(robot, "#settingsNotice").matches("Changed elsewhere, reloaded at \\d\\d:\\d\\d\\."));
        assertFalse(shown(robot, "#settingsChangedBanner"), "nothing to decide without edits");
    }

    @Test
    void withUnsavedEditsABannerOffersKeepEditingAndSavingKeepsTheOtherChange(FxRobot robot) throws Exception {
        openEmbedded();
        showTab(robot, "settingsTab");
        TextField temperature = field(robot, "Temperature");
        TextField ring = field(robot, "Ring timeout (s)");
        robot.interact(() -> temperature.setText("0.7"));
        saveThroughApi("ringTimeoutSeconds", 45);
        waitUntil(() -> shown(robot, "#settingsChangedBanner"));
        assertEquals("0.7", temperature.getText(), "the edits are not overwritten");
        assertEquals("30", ring.getText());

        robot.clickOn("#keepSettingsButton");
        assertFalse(shown(robot, "#settingsChangedBanner"));
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> text(robot, "#settingsMessage").startsWith("Saved."));
        JsonNode saved = settings();
        assertEquals(0.7, saved.path("temperature").asDouble(), "the edit is saved");
        assertEquals(45, saved.path("ringTimeoutSeconds").asInt(), "the other change is kept");
        assertEquals("45", ring.getText());
    }

    @Test
    void reloadDiscardsTheEditsAndShowsTheChange(FxRobot robot) throws Exception {
        openEmbedded();
        showTab(robot, "settingsTab");
        TextField temperature = field(robot, "Temperature");
        robot.interact(() -> temperature.setText("0.7"));
        saveThroughApi("temperature", 0.9);
        waitUntil(() -> shown(robot, "#settingsChangedBanner"));
        assertEquals("0.7", temperature.getText());
        robot.clickOn("#reloadSettingsButton");
        assertEquals("0.9", temperature.getText());
        assertFalse(shown(robot, "#settingsChangedBanner"));
    }

    @Test
    void savingTheSameSettingChangedElsewhereIsRefusedInWords(FxRobot robot) throws Exception {
        openEmbedded();
        showTab(robot, "settingsTab");
        TextField temperature = field(robot, "Temperature");
        robot.interact(() -> temperature.setText("0.7"));
        saveThroughApi("temperature", 0.9);
        waitUntil(() -> shown(robot, "#settingsChangedBanner"));
        robot.clickOn("#keepSettingsButton");
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> text(robot, "#settingsMessage").startsWith("Not saved: these settings were changed "
                + "elsewhere meanwhile, and you changed the same temperature (now 0.9). Reload"));
        assertEquals(0.9, settings().path("temperature").asDouble(), "the other change is not undone");
        assertTrue(shown(robot, "#settingsChangedBanner"), "Reload is offered");
        robot.clickOn("#reloadSettingsButton");
        assertEquals("0.9", temperature.getText());
    }

    @Test
    void theSystemMessageTabGainsAVersionLiveAndShowsTheOneNowInUse(FxRobot robot) throws Exception {
        openEmbedded();
        showTab(robot, "promptTab");
        ListView<?> versions = robot.lookup("#promptVersions").queryAs(ListView.class);
        TextArea instructions = robot.lookup("#instructionsArea").queryAs(TextArea.class);
        int before = versions.getItems().size();
        String template = settings().path("verificationTemplate").asText();
        HttpResponse<String> posted = h.post("/prompts", "application/json",
                "{\"instructions\":\"Be brief.\",\"verificationTemplate\":" + quoted(template) + "}",
                BridgeHarness.API_TOKEN);
        assertEquals(201, posted.statusCode(), posted.body());
        waitUntil(() -> versions.getItems().size() == before + 1);
        assertFalse("Be brief.".equals(instructions.getText()), "a saved version is not yet in use");

        int version = h.json(posted.body()).path("version").asInt();
        ObjectNode s = (ObjectNode) settings();
        s.put("instructions", "Be brief.").put("promptVersion", version);
        assertEquals(200, h.put("/settings", s.toString(), BridgeHarness.API_TOKEN).statusCode());
        waitUntil(() -> "Be brief.".equals(instructions.getText()));
        waitUntil(() -> text(robot, "#promptNotice").matches("Updated by .+ at \\d\\d:\\d\\d: version " + version
                + " is in use\\."));

        robot.interact(() -> instructions.setText("Be brief and kind."));
        s.put("instructions", "Be kind.");
        assertEquals(200, h.put("/settings", s.toString(), BridgeHarness.API_TOKEN).statusCode());
        waitUntil(() -> shown(robot, "#promptChangedBanner"));
        assertEquals("Be brief and kind.", instructions.getText(), "the edits are not overwritten");
        robot.clickOn("#reloadPromptButton");
        assertEquals("Be kind.", instructions.getText());
    }

    @Test
    void aRemoteConsolesOpenSettingsTabFollowsTheChangeToo(FxRobot robot) throws Exception {
        openRemote();
        showTab(robot, "settingsTab");
        TextField ring = field(robot, "Ring timeout (s)");
        assertEquals("30", ring.getText());
        saveThroughApi("ringTimeoutSeconds", 50);
        waitUntil(() -> "50".equals(ring.getText()));
        waitUntil(() -> text(robot, "#settingsNotice").startsWith("Changed elsewhere, reloaded at"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
