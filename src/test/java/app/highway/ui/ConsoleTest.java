package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.TranscriptLine;
import app.highway.config.AppDirectories;
import app.highway.config.BuildInfo;
import app.highway.config.Installation;
import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.ServerEvents;
import app.highway.ui.board.CallRow;
import app.highway.ui.shell.MainWindow;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
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
 * The console over a real bridge wired to the local fakes (Twilio REST, carrier, Realtime GA):
 * what an agent does with the keyboard and mouse, and what they see.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ConsoleTest {
    private BridgeHarness h;
    private MainWindow window;
    private Installation installation;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        java.nio.file.Path configDir = Files.createTempDirectory("highway-config");
        installation = new Installation(BuildInfo.load(), new AppDirectories(configDir, h.dataDir),
                Optional.of(configDir.resolve(".env")), Optional.of(h.dataDir.resolve("logs/highway.log")));
        window = new MainWindow(h.bridge.console(), installation);
        window.showIn(stage);
        stage.show();
        this.stage = stage;
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
        javafx.scene.control.TabPane tabs = robot.lookup("#mainTabs").queryAs(javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
    }

    /** The newest call's CallSid, as the API lists it. */
    private String newestCallSid() throws Exception {
        return h.json(h.get("/calls", BridgeHarness.API_TOKEN).body()).path("calls").get(0).path("callSid").asText();
    }

    /** The model session is configured and the callee answers: returns the model's side and the media stream. */
    private record Answered(ModelPeer model, FakeCarrier.Stream stream) { }

    private Answered answer(String twiml, String callSid) throws Exception {
        ModelPeer model = h.realtime.awaitPeer();
        model.awaitMessage("session.update");
        model.send(ServerEvents.sessionUpdated());
        return new Answered(model, h.carrier.connect(twiml, callSid));
    }

    private TableView<CallRow> board(FxRobot robot) {
        return robot.lookup("#callBoard").queryTableView();
    }

    private String placeCallFromTheForm(FxRobot robot, String phone, String code) throws Exception {
        robot.clickOn("#phoneField").write(phone);
        robot.clickOn("#codeField").write(code);
        robot.clickOn("#reviewCallButton");
        assertTrue(robot.lookup("#confirmText").queryAs(Label.class).getText().contains("+1555•••6543"));
        robot.clickOn("#placeCallButton");
        waitUntil(() -> robot.lookup("#callResult").queryAs(Label.class).getText().startsWith("Call placed"));
        return h.twilio.awaitCreatedCall().param("Twiml");
    }

    @Test
    void aCallLaunchedFromTheFormAppearsOnTheBoard(FxRobot robot) throws Exception {
        placeCallFromTheForm(robot, "+15559876543", "123");
        waitUntil(() -> board(robot).getItems().size() == 1);
        CallRow row = board(robot).getItems().get(0);
        assertEquals("+1555•••6543", row.maskedNumber());
        waitUntil(() -> board(robot).getSelectionModel().getSelectedItem() == row);
        assertEquals("", robot.lookup("#phoneField").queryAs(TextField.class).getText(), "the form is cleared");
    }

    @Test
    void theCallPlacedLineGoesWhenTheNextCallIsTypedAndPastedNumbersAreCleanedUp(FxRobot robot) throws Exception {
        placeCallFromTheForm(robot, "+1 (555) 987-6543", " 123 ");
        Label result = robot.lookup("#callResult").queryAs(Label.class);
        robot.clickOn("#phoneField").write("+1555");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("", result.getText(), "the line about the last call goes once the form is edited");
        assertTrue(robot.lookup("#phoneHint").queryAs(Label.class).getText().contains("too short"));
    }

    @Test
    void transcriptReflectionAndTokensShowAsTheCallHappens(FxRobot robot) throws Exception {
        String twiml = placeCallFromTheForm(robot, "+15559876543", "123");
        String callSid = newestCallSid();
        h.carrier.status(h.statusCallbackUrl(), callSid, "ringing");
        Answered answered = answer(twiml, callSid);
        ModelPeer model = answered.model();
        FakeCarrier.Stream stream = answered.stream();
        model.awaitMessage("response.create");

        model.send(ServerEvents.outputItemAdded("r1", "a1"));
        model.send(ServerEvents.transcriptDelta("r1", "a1", "Your code"));
        model.send(ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(400, 1)));
        model.send(ServerEvents.transcriptDone("r1", "a1", "Your code is 1 2 3."));
        model.send(ServerEvents.responseDone("r1", 300, 0, 0, 10, 50));
        stream.echoMark(stream.awaitEvent("mark").path("mark").path("name").asText());
        model.send(ServerEvents.speechStarted("c1", 500));
        model.send(ServerEvents.inputTranscript("c1", "Thank you."));
        model.send(ServerEvents.outputItemAdded("r2", "a2"));
        model.send(ServerEvents.transcriptDone("r2", "a2", "Goodbye!"));
        model.send(ServerEvents.functionCall("r2", "call_reflection_data", "fc1", "{\"status\":\"successful_call\"}"));
        model.send(ServerEvents.responseDone("r2", 100, 20, 0, 5, 25));

        ListView<TranscriptLine> transcript = robot.lookup("#callDetail #transcript").queryListView();
        waitUntil(() -> transcript.getItems().size() == 3);
        List<String> lines = transcript.getItems().stream().map(l -> l.speaker().wire() + ": " + l.text()).toList();
        assertEquals(List.of("assistant: Your code is 1 2 3.", "caller: Thank you.", "assistant: Goodbye!"), lines);
        waitUntil(() -> robot.lookup("#callDetail #detailReflection").queryAs(Label.class).getText().equals("Successful"));
        waitUntil(() -> robot.lookup("#callDetail #detailUsage").queryAs(Label.class).getText().contains("total 510"));
        CallRow row = board(robot).getItems().get(0);
        assertEquals(510, row.tokensProperty().get());
        assertEquals("successful_call", row.reflectionProperty().get());
        assertTrue(robot.lookup("#callDetail #detailCost").queryAs(Label.class).getText().startsWith("$"));
        waitUntil(() -> robot.lookup("#todayTotals").queryAs(Label.class).getText().contains("Successful 1"));

        robot.clickOn("#callDetail #hangUpButton");
        assertEquals("completed", h.twilio.awaitUpdate(java.time.Duration.ofSeconds(5)).param("Status"));
        waitUntil(() -> robot.lookup("#callDetail #hangUpButton").queryAs(Button.class).isDisabled());
    }

    @Test
    void aboutShowsTheVersionAndWhereSettingsAndLogsAre(FxRobot robot) throws Exception {
        robot.clickOn("#aboutButton");
        waitUntil(() -> robot.lookup("#aboutVersion").tryQuery().isPresent());
        assertEquals(installation.build().version(), robot.lookup("#aboutVersion").queryAs(Label.class).getText());
        assertEquals("Highway", robot.lookup("#aboutVendor").queryAs(Label.class).getText());
        assertEquals(h.dataDir.toString(), robot.lookup("#aboutDataDir").queryAs(Label.class).getText());
        assertEquals(installation.envFile().orElseThrow().toString(),
                robot.lookup("#aboutEnvFile").queryAs(Label.class).getText());
        assertEquals(h.dataDir.resolve("logs/highway.log").toString(),
                robot.lookup("#aboutLogFile").queryAs(Label.class).getText());
        String token = robot.lookup("#aboutApiToken").queryAs(Label.class).getText();
        assertEquals("set by HIGHWAY_API_TOKEN", token, "the harness sets the token in the environment");
        assertFalse(robot.lookup("#aboutDetails").queryAs(javafx.scene.Parent.class).getChildrenUnmodifiable().stream()
                .anyMatch(n -> n instanceof Label l && l.getText().contains(BridgeHarness.API_TOKEN)), "never the token");
        assertTrue(robot.lookup("#aboutJava").queryAs(Label.class).getText().matches("\\d+.*\\(.+\\)"));
        assertTrue(robot.lookup("#aboutJavaFx").queryAs(Label.class).getText().matches("\\d+.*"));
        robot.clickOn("Close");
        waitUntil(() -> robot.lookup("#aboutVersion").tryQuery().isEmpty());

        robot.press(javafx.scene.input.KeyCode.F1).release(javafx.scene.input.KeyCode.F1);
        waitUntil(() -> robot.lookup("#aboutVersion").tryQuery().isPresent());
        robot.clickOn("Close");
    }

    @Test
    void invalidInputIsRejectedWithAVisibleMessage(FxRobot robot) throws Exception {
        robot.clickOn("#phoneField").write("555-1234");
        robot.clickOn("#codeField").write("12");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#phoneHint").queryAs(Label.class).getText().startsWith("Not an E.164 number"));
        assertEquals("The code must be 3 to 10 digits", robot.lookup("#codeHint").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#reviewCallButton").queryButton().isDisabled());

        robot.doubleClickOn("#phoneField").eraseText(8).write("+442079460958");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("✓ United Kingdom", robot.lookup("#phoneHint").queryAs(Label.class).getText());
        assertEquals(0, h.twilio.createdCount());
    }

    @Test
    void twiliosRefusalIsShownInPlainWordsWithItsCode(FxRobot robot) throws Exception {
        h.twilio.refuseNextCreate(400, 21219, "The number is unverified.");
        robot.clickOn("#phoneField").write("+15559876543");
        robot.clickOn("#codeField").write("123");
        robot.clickOn("#reviewCallButton");
        robot.clickOn("#placeCallButton");
        Label result = robot.lookup("#callResult").queryAs(Label.class);
        waitUntil(() -> result.getText().contains("21219"));
        assertTrue(result.getText().contains("trial account"), result.getText());
        waitUntil(() -> board(robot).getItems().size() == 1
                && "failed".equals(board(robot).getItems().get(0).stateProperty().get().wire()));
    }

    @Test
    void settingsEditsArePersistedAndUsedByTheNextCall(FxRobot robot) throws Exception {
        showTab(robot, "Settings");
        @SuppressWarnings("unchecked")
        ComboBox<String> voice = robot.lookup("#settingsSheet").lookup(".combo-box")
                .match(n -> "shimmer".equals(((ComboBox<String>) n).getValue())).queryAs(ComboBox.class);
        robot.interact(() -> voice.setValue("marin"));
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText().startsWith("Saved"));
        assertTrue(saved("settings").orElseThrow().contains("\"voice\":\"marin\""), "saved in the store");

        showTab(robot, "Calls");
        placeCallFromTheForm(robot, "+15559876543", "123");
        ModelPeer model = h.realtime.awaitPeer();
        JsonNode update = model.awaitMessage("session.update");
        assertEquals("marin", update.path("session").path("audio").path("output").path("voice").asText());
        waitUntil(() -> robot.lookup("#callDetail #detailSettings").queryAs(Label.class).getText().contains("voice marin"));
    }

    @Test
    void anInvalidSettingIsRefusedAndNothingIsSaved(FxRobot robot) throws Exception {
        showTab(robot, "Settings");
        TextField threshold = robot.lookup("#settingsSheet").lookup(".text-field")
                .match(n -> "0.95".equals(((TextField) n).getText())).queryAs(TextField.class);
        robot.interact(() -> threshold.setText("1.5"));
        robot.clickOn("#saveSettingsButton");
        Label message = robot.lookup("#settingsMessage").queryAs(Label.class);
        try {
            waitUntil(() -> message.getText().startsWith("Not saved"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("message was: '" + message.getText() + "', field: " + threshold.getText());
        }
        assertTrue(message.getText().contains("VAD threshold must be between 0 and 1"), message.getText());
        assertTrue(saved("settings").isEmpty(), "nothing saved");
        assertTrue(saved("prices").isEmpty(), "nothing saved");
        assertTrue(robot.lookup("#temperatureNote").queryAs(Label.class).getText().contains("does not accept"));
    }

    @Test
    void historyFindsExportsAndDeletesPastCallsAndAnalyticsCountThem(FxRobot robot) throws Exception {
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        String callSid = h.json(placed.body()).path("callSid").asText();
        String twiml = h.twilio.awaitCreatedCall().param("Twiml");
        Answered answered = answer(twiml, callSid);
        ModelPeer model = answered.model();
        FakeCarrier.Stream stream = answered.stream();
        model.awaitMessage("response.create");
        model.send(ServerEvents.outputItemAdded("r1", "a1"));
        model.send(ServerEvents.transcriptDone("r1", "a1", "Your code is 4 8 2 1."));
        model.send(ServerEvents.functionCall("r1", "call_reflection_data", "f1", "{\"status\":\"successful_call\"}"));
        model.send(ServerEvents.responseDone("r1", 100, 0, 0, 10, 40));
        h.awaitCall(callSid, c -> "successful_call".equals(c.path("reflection").asText()), java.time.Duration.ofSeconds(5));
        stream.sendStop();
        h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), java.time.Duration.ofSeconds(5));

        showTab(robot, "History");
        robot.clickOn("#historySearchButton");
        TableView<?> table = robot.lookup("#historyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        ListView<TranscriptLine> transcripts = robot.lookup("#historyDetail #transcript").queryListView();
        waitUntil(() -> transcripts.getItems().size() == 1);
        assertEquals("Your code is [code].", transcripts.getItems().get(0).text(), "history never shows the code");

        java.nio.file.Path csv = Files.createTempFile("history", ".csv");
        robot.interact(() -> window.history().export(csv, true));
        waitUntil(() -> robot.lookup("#historyMessage").queryAs(Label.class).getText().startsWith("Exported"));
        String exported = Files.readString(csv).replaceFirst("^\uFEFF", ""); // Excel's UTF-8 mark
        assertTrue(exported.startsWith("id,callSid,to,state"), exported);
        assertTrue(exported.contains("+1555•••6543") && !exported.contains("+15559876543"), exported);

        showTab(robot, "Analytics");
        waitUntil(() -> robot.lookup("#averages").queryAs(Label.class).getText().startsWith("1 calls"));
        javafx.scene.chart.StackedBarChart<?, ?> chart = robot.lookup("#outcomesChart").queryAs(
                javafx.scene.chart.StackedBarChart.class);
        assertEquals("Successful", chart.getData().get(0).getName());

        showTab(robot, "History");
        robot.clickOn("#deleteRecordButton");
        robot.clickOn("OK");
        waitUntil(() -> table.getItems().isEmpty());
        assertEquals(404, h.get("/calls/" + callSid, BridgeHarness.API_TOKEN).statusCode());
    }

    @Test
    void editedPricesPriceTheNextCall(FxRobot robot) throws Exception {
        showTab(robot, "Settings");
        TextField audioOutput = robot.lookup("#settingsSheet").lookup(".text-field")
                .match(n -> "64.0".equals(((TextField) n).getText())).queryAs(TextField.class);
        robot.interact(() -> audioOutput.setText("100"));
        robot.clickOn("#saveSettingsButton");
        waitUntil(() -> robot.lookup("#settingsMessage").queryAs(Label.class).getText().startsWith("Saved"));
        assertTrue(saved("prices").orElseThrow().contains("100.0"), "saved in the store");

        showTab(robot, "Calls");
        String twiml = placeCallFromTheForm(robot, "+15559876543", "123");
        String callSid = newestCallSid();
        ModelPeer model = answer(twiml, callSid).model();
        model.awaitMessage("response.create");
        model.send(ServerEvents.responseDone("r1", 0, 0, 0, 0, 1_000_000));
        waitUntil(() -> Math.abs(h.call(callSid).path("costUsd").asDouble() - 100.0) < 1e-9);
    }

    @Test
    void theSystemMessageEditorPreviewsSavesVersionsAndTheNextCallUsesIt(FxRobot robot) throws Exception {
        showTab(robot, "System message");
        robot.interact(() -> robot.lookup("#templateArea").queryTextInputControl()
                .setText("SYSTEM:(Read the code {code} twice, then hang up.)"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#promptPreview").queryTextInputControl().getText()
                .contains("Read the code 4 8 2 9 1 3 twice"));
        robot.clickOn("#savePromptButton");
        waitUntil(() -> robot.lookup("#promptMessage").queryAs(Label.class).getText().startsWith("Saved as version 2"));
        assertEquals(2, robot.lookup("#promptVersions").queryListView().getItems().size());

        showTab(robot, "Calls");
        String twiml = placeCallFromTheForm(robot, "+15559876543", "123");
        String callSid = newestCallSid();
        ModelPeer model = answer(twiml, callSid).model();
        JsonNode item = model.awaitMessage("conversation.item.create");
        assertEquals("SYSTEM:(Read the code 1 2 3 twice, then hang up.)",
                item.path("item").path("content").get(0).path("text").asText());
        assertEquals(2, h.call(callSid).path("promptVersion").asInt(), "the call records the version it used");
    }

    @Test
    void aCallDeletedFromHistoryLeavesTheBoardTheTotalsAndTheDetailAtOnce(FxRobot robot) throws Exception {
        h.twilio.refuseNextCreate(400, 21219, "The number is unverified.");
        h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        waitUntil(() -> board(robot).getItems().size() == 1
                && board(robot).getItems().get(0).stateProperty().get().isFinal());
        robot.interact(() -> board(robot).getSelectionModel().select(0));
        Label title = robot.lookup("#callDetail #detailTitle").queryAs(Label.class);
        waitUntil(() -> title.getText().contains("+1555•••6543"));
        waitUntil(() -> robot.lookup("#todayTotals").queryAs(Label.class).getText().startsWith("Today: 1 calls"));

        showTab(robot, "History");
        robot.clickOn("#historySearchButton");
        TableView<?> table = robot.lookup("#historyTable").queryTableView();
        waitUntil(() -> table.getItems().size() == 1);
        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#deleteRecordButton");
        robot.clickOn("OK");
        waitUntil(() -> table.getItems().isEmpty());

        showTab(robot, "Calls");
        waitUntil(() -> board(robot).getItems().isEmpty());
        waitUntil(() -> robot.lookup("#todayTotals").queryAs(Label.class).getText().startsWith("Today: 0 calls"));
        assertEquals("Select a call", title.getText(), "the detail pane no longer shows the deleted call");
    }

    @Test
    void todayCountsTheCallsOfTodayFromTheStoreAfterARestart(FxRobot robot) throws Exception {
        h.twilio.refuseNextCreate(400, 21219, "The number is unverified.");
        h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        waitUntil(() -> board(robot).getItems().size() == 1
                && board(robot).getItems().get(0).stateProperty().get().isFinal());

        MainWindow reopened = WaitForAsyncUtils.asyncFx(() -> new MainWindow(h.bridge.console(), installation)).get();
        try {
            waitUntil(() -> reopened.board().totalsProperty().get().calls() == 1);
            assertTrue(reopened.board().allRows().isEmpty(), "past calls count today but are not live");
        } finally {
            WaitForAsyncUtils.asyncFx(reopened::close);
        }
    }

    private void askToClose() {
        javafx.application.Platform.runLater(() -> stage.fireEvent(
                new javafx.stage.WindowEvent(stage, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
    }

    @Test
    void closingTheWindowOverLiveCallsAsksFirstAndClosesAtOnceWithoutAny(FxRobot robot) throws Exception {
        h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        h.twilio.awaitCreatedCall();
        waitUntil(() -> board(robot).getItems().size() == 1);

        askToClose();
        // the dialog's nodes exist before its window is shown: wait until its button can be clicked
        waitUntil(() -> showing(robot, "#keepWindowOpenButton").isPresent());
        javafx.scene.control.DialogPane question = robot.lookup("#closeGuard").queryAs(javafx.scene.control.DialogPane.class);
        assertEquals("1 call is in progress", question.getHeaderText());
        assertTrue(question.getContentText().contains("ends now"), question.getContentText());
        robot.clickOn(showing(robot, "#keepWindowOpenButton").orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing(), "keeping the window open keeps the calls");
        assertTrue(h.call(newestCallSid()).path("endedAt").isNull() || h.call(newestCallSid()).path("endedAt").isMissingNode());

        askToClose();
        waitUntil(() -> showing(robot, "#endCallsAndCloseButton").isPresent());
        robot.clickOn(showing(robot, "#endCallsAndCloseButton").orElseThrow());
        waitUntil(() -> !stage.isShowing());
    }

    /** The node of that id in a window that is showing now (a dialog closed before may still be found). */
    private static java.util.Optional<javafx.scene.Node> showing(FxRobot robot, String query) {
        return robot.lookup(query).queryAll().stream().filter(javafx.scene.Node::isVisible)
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing())
                .findFirst();
    }

    @Test
    void closingTheWindowWithNoLiveCallsClosesWithoutAsking(FxRobot robot) throws Exception {
        askToClose();
        waitUntil(() -> !stage.isShowing());
        assertTrue(robot.lookup("#closeGuard").tryQuery().isEmpty());
    }

    @Test
    void atTheMinimumWindowSizeEveryBoardColumnAndToolbarButtonStaysUsable(FxRobot robot) throws Exception {
        h.twilio.refuseNextCreate(400, 21219, "The number is unverified.");
        h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        waitUntil(() -> board(robot).getItems().size() == 1);
        robot.interact(() -> {
            stage.setWidth(MainWindow.MIN_WIDTH);
            stage.setHeight(MainWindow.MIN_HEIGHT);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(MainWindow.MIN_WIDTH, stage.getMinWidth());
        assertEquals(MainWindow.MIN_HEIGHT, stage.getMinHeight());
        TableView<CallRow> table = board(robot);
        double columns = table.getColumns().stream().mapToDouble(c -> c.getWidth()).sum();
        double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset();
        boolean scrollsSideways = table.lookupAll(".scroll-bar").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.ScrollBar bar
                        && bar.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && bar.isVisible());
        assertTrue(columns <= room + 0.5 || scrollsSideways,
                "columns " + columns + " px in " + room + " px and no horizontal scroll bar");
        for (var column : table.getColumns()) {
            assertTrue(column.getWidth() >= column.getMinWidth() - 0.5, column.getText() + " squeezed");
        }
        javafx.scene.Parent bar = robot.lookup("#toolbar").queryAs(javafx.scene.Parent.class);
        for (javafx.scene.Node n : bar.getChildrenUnmodifiable()) {
            if (n instanceof javafx.scene.control.ButtonBase b) {
                assertTrue(b.getWidth() + 0.5 >= b.prefWidth(-1), b.getText() + " is cut to " + b.getWidth() + " px");
            }
        }
    }

    @Test
    void theFilterSaysWhenItHidesEveryCallAndTheDetailFollowsIt(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#hangUpSelectedButton").queryButton().isDisabled(), "nothing selected");
        h.twilio.refuseNextCreate(400, 21219, "The number is unverified.");
        h.postCall("{\"to\":\"+15559876543\",\"verification\":4821}");
        waitUntil(() -> board(robot).getItems().size() == 1
                && board(robot).getItems().get(0).stateProperty().get().isFinal());
        robot.interact(() -> board(robot).getSelectionModel().select(0));
        Label title = robot.lookup("#callDetail #detailTitle").queryAs(Label.class);
        waitUntil(() -> title.getText().contains("+1555•••6543"));
        assertTrue(robot.lookup("#hangUpSelectedButton").queryButton().isDisabled(), "the selected call has ended");

        @SuppressWarnings("unchecked")
        javafx.scene.control.ChoiceBox<app.highway.ui.board.StateFilter> filter =
                robot.lookup("#stateFilter").queryAs(javafx.scene.control.ChoiceBox.class);
        robot.interact(() -> filter.setValue(app.highway.ui.board.StateFilter.LIVE));
        waitUntil(() -> board(robot).getItems().isEmpty());
        assertEquals("No calls match the filter. Choose \"All calls\" or clear the search.",
                robot.lookup("#boardPlaceholder").queryAs(Label.class).getText());
        waitUntil(() -> title.getText().equals("Select a call"));
    }

    @Test
    void shortcutsAreNamedInTooltipsAndListedUnderHelp(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#newCallButton").queryButton().getTooltip().getText().contains("Ctrl+N"));
        assertTrue(robot.lookup("#hangUpSelectedButton").queryButton().getTooltip().getText()
                .contains("Ctrl+Shift+H"));
        robot.clickOn("#helpMenu");
        robot.clickOn("Keyboard shortcuts");
        waitUntil(() -> robot.lookup("#shortcutsList").tryQuery().isPresent());
        List<String> keys = robot.lookup("#shortcutsList .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(keys.containsAll(List.of("Ctrl+N", "Ctrl+F", "Ctrl+Shift+H", "F1")), keys.toString());
        robot.clickOn("Close");
        waitUntil(() -> robot.lookup("#shortcutsList").tryQuery().isEmpty());
    }

    @Test
    void theThemeAndTheDividerAreRememberedForTheNextRun(FxRobot robot) throws Exception {
        java.nio.file.Path file = h.dataDir.resolve("console-preferences.json");
        javafx.scene.control.SplitPane split = splitOf(board(robot));
        robot.clickOn("#themeToggle");
        robot.interact(() -> split.setDividerPositions(0.3));
        waitUntil(() -> Files.exists(file) && Files.readString(file).contains("\"dark\" : true")
                && Files.readString(file).contains("0.3"));

        Stage second = WaitForAsyncUtils.asyncFx(() -> new Stage()).get();
        MainWindow reopened = WaitForAsyncUtils.asyncFx(() -> {
            MainWindow w = new MainWindow(h.bridge.console(), installation);
            second.setScene(w.scene());
            second.show();
            return w;
        }).get();
        try {
            waitUntil(() -> reopened.scene().getRoot().getStyleClass().contains("theme-dark"));
            javafx.scene.control.SplitPane again = splitOf(reopened.scene().getRoot().lookup("#callBoard"));
            waitUntil(() -> Math.abs(again.getDividerPositions()[0] - 0.3) < 0.01);
        } finally {
            WaitForAsyncUtils.asyncFx(reopened::close);
            WaitForAsyncUtils.asyncFx(second::hide);
        }
    }

    private static javafx.scene.control.SplitPane splitOf(javafx.scene.Node node) {
        javafx.scene.Node n = node;
        while (!(n instanceof javafx.scene.control.SplitPane)) {
            n = n.getParent();
        }
        return (javafx.scene.control.SplitPane) n;
    }

    @Test
    void noCssLookupIsLeftUnresolved(FxRobot robot) throws Exception {
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
            org.slf4j.bridge.SLF4JBridgeHandler.install(); // as ConsoleApp does
        }
        ch.qos.logback.classic.Logger css = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("javafx");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        css.addAppender(seen);
        try {
            Stage second = WaitForAsyncUtils.asyncFx(() -> new Stage()).get();
            MainWindow fresh = WaitForAsyncUtils.asyncFx(() -> {
                MainWindow w = new MainWindow(h.bridge.console(), installation);
                second.setScene(w.scene());
                second.show();
                return w;
            }).get();
            for (String tab : List.of("Settings", "System message", "History", "Analytics", "Audit", "Calls")) {
                robot.interact(() -> {
                    javafx.scene.control.TabPane tabs = (javafx.scene.control.TabPane) fresh.scene().lookup("#mainTabs");
                    tabs.getTabs().stream().filter(t -> t.getText().equals(tab)).findFirst()
                            .ifPresent(t -> tabs.getSelectionModel().select(t));
                });
            }
            WaitForAsyncUtils.waitForFxEvents();
            WaitForAsyncUtils.asyncFx(fresh::close);
            WaitForAsyncUtils.asyncFx(second::hide);
            List<String> unresolved = seen.list.stream().map(e -> e.getFormattedMessage())
                    .filter(m -> m.contains("Could not resolve")).distinct().toList();
            assertTrue(unresolved.isEmpty(), String.join("\n", unresolved));
        } finally {
            css.detachAppender(seen);
        }
    }

    /** The shared document {@code name} as the bridge saved it in its store (read as another program would). */
    private java.util.Optional<String> saved(String name) {
        try (app.highway.store.SqlCallStore store = app.highway.store.SqlCallStore.sqlite(h.dataDir,
                app.highway.config.Json.mapper())) {
            return store.shared().read(name).map(app.highway.config.SharedDocuments.Document::json);
        }
    }
}
