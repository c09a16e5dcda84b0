package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignState;
import app.highway.campaign.RowProblem;
import app.highway.support.AutoCallee;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.team.Actor;
import app.highway.ui.campaign.CampaignsView;
import app.highway.ui.campaign.CampaignsViewModel;
import app.highway.ui.campaign.ImportWizardViewModel;
import app.highway.ui.common.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
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
 * The Campaigns tab over a bridge wired to the fake Twilio (callees answer by themselves): the import wizard with
 * a list holding a bad row, and the progress view following a campaign as it runs, paused and resumed.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class CampaignConsoleTest {
    private BridgeHarness h;
    private AutoCallee callees;
    private Background background;
    private CampaignsViewModel model;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        callees = AutoCallee.answering(h.twilio, h.statusCallbackUrl(), Duration.ofMillis(1500));
        background = new Background();
        ConsoleServices services = h.bridge.console();
        h.bridge.awaitConsoleSnapshot();
        model = new CampaignsViewModel(services.campaigns(), background, Platform::runLater, ZoneId.of("UTC"));
        stage.setScene(new Scene((javafx.scene.Parent) new CampaignsView(model, ZoneId.of("UTC")).node(), 1200, 760));
        stage.show();
        model.opened();
    }

    @AfterEach
    void stop() {
        model.close();
        background.close();
        callees.close();
        h.close();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    }

    /** Clicks the node {@code id} shown in the window (not one of the wizard's steps off screen). */
    private static void click(FxRobot robot, String id) throws Exception {
        waitUntil(() -> robot.lookup(id).match(n -> n.getScene() != null).tryQuery().isPresent());
        robot.clickOn(robot.lookup(id).match(n -> n.getScene() != null).<javafx.scene.Node>query());
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void theWizardListsTheBadRowWithItsReasonCountsTheGoodOnesAndCreatesTheCampaign(FxRobot robot)
            throws Exception {
        Path list = Files.createTempFile("campaign", ".csv");
        Files.writeString(list, """
                first_name,phone,code
                Ada,+15550100001,4821
                Grace,+15550100002,1234
                Alan,+15550100003,12
                Linus,+15550100004,777777
                """);
        click(robot, "#newCampaign");
        ImportWizardViewModel wizard = model.wizard();
        robot.interact(() -> wizard.load(list)); // the only step not clicked: the file chooser is the system's
        waitUntil(() -> wizard.stepProperty().get() == ImportWizardViewModel.Step.MAPPING);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> to = robot.lookup("#wizardToColumn").queryAs(ChoiceBox.class);
        assertEquals("phone", to.getValue(), "guessed from the header");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> code = robot.lookup("#wizardCodeColumn").queryAs(ChoiceBox.class);
        assertEquals("code", code.getValue());
        assertEquals("{{first_name}}", text(robot, "#wizardVariables"));

        click(robot, "#wizardCheck");
        waitUntil(() -> wizard.stepProperty().get() == ImportWizardViewModel.Step.PREVIEW);
        assertTrue(text(robot, "#wizardSummary").startsWith("4 rows: 3 to dial, 1 skipped."),
                text(robot, "#wizardSummary"));
        TableView<RowProblem> problems = robot.lookup("#wizardProblems").queryTableView();
        assertEquals(1, problems.getItems().size());
        RowProblem bad = problems.getItems().get(0);
        assertEquals(4, bad.line());
        assertEquals("+15550100003", bad.to());
        assertEquals("The verification code must be 3 to 10 digits", bad.message());
        assertEquals(0, h.twilio.createdCount(), "the preview dials nobody");
        assertTrue(h.bridge.campaigns().list(Actor.OWNER).isEmpty(), "nor keeps anything");

        click(robot, "#wizardCreate");
        waitUntil(() -> robot.lookup("#campaignList").tryQuery().isPresent());
        TableView<CampaignRecord> campaigns = robot.lookup("#campaignList").queryTableView();
        waitUntil(() -> campaigns.getItems().size() == 1);
        CampaignRecord made = h.bridge.campaigns().list(Actor.OWNER).get(0);
        assertEquals(4, made.rows());
        assertEquals(1, made.skipped());
        assertEquals(list.getFileName().toString().replace(".csv", ""), made.plan().name());
        waitUntil(() -> text(robot, "#campaignState").equals("Completed"));
        assertEquals("Completed 3", text(robot, "#campaignOutcomes-completed"));
        assertEquals(List.of("+15550100001", "+15550100002", "+15550100004"),
                h.twilio.createdSoFar().stream().map(r -> r.param("To")).sorted().toList(), "the good rows, once");
    }

    @Test
    void inTestModeTheWizardDialsOnlyTheFirstRowAndTheCampaignIsReadyAgain(FxRobot robot) throws Exception {
        Path list = Files.createTempFile("campaign", ".csv");
        Files.writeString(list, "to,verification\n+15550100021,4821\n+15550100022,1234\n+15550100023,5678\n");
        click(robot, "#newCampaign");
        ImportWizardViewModel wizard = model.wizard();
        robot.interact(() -> wizard.load(list));
        waitUntil(() -> wizard.stepProperty().get() == ImportWizardViewModel.Step.MAPPING);
        click(robot, "#wizardCheck");
        waitUntil(() -> wizard.stepProperty().get() == ImportWizardViewModel.Step.PREVIEW);
        click(robot, "#wizardTestMode");
        assertEquals("Create and test the first row", robot.lookup("#wizardCreate").queryButton().getText());
        click(robot, "#wizardCreate");
        waitUntil(() -> robot.lookup("#campaignState").tryQuery().isPresent());
        Label state = robot.lookup("#campaignState").queryAs(Label.class);
        waitUntil(() -> robot.lookup("#campaignOutcomes-completed").tryQuery().isPresent() && "Ready".equals(
                state.getText()));
        assertEquals(List.of("+15550100021"), h.twilio.createdSoFar().stream().map(r -> r.param("To")).toList(),
                "only the first row was dialled");
        assertFalse(robot.lookup("#campaignStart").queryButton().isDisabled(), "the rest waits for Start");
    }

    @Test
    void theProgressViewFollowsACampaignAsItRunsIsPausedAndResumed(FxRobot robot) throws Exception {
        StringBuilder csv = new StringBuilder("to,verification\n");
        for (int i = 1; i <= 6; i++) {
            csv.append("+155501000").append(10 + i).append(",48").append(20 + i).append('\n');
        }
        String id = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN).create(csv.toString(),
                "name=Progress&maxConcurrent=1");
        Label state = robot.lookup("#campaignState").queryAs(Label.class);
        waitUntil(() -> "Ready".equals(state.getText()));
        Button start = robot.lookup("#campaignStart").queryButton();
        Button pause = robot.lookup("#campaignPause").queryButton();
        Button resume = robot.lookup("#campaignResume").queryButton();
        assertFalse(start.isDisabled());
        assertTrue(pause.isDisabled() && resume.isDisabled(), "nothing to pause or resume before the start");
        TableView<CampaignProgress.RowView> rows = robot.lookup("#campaignRows").queryTableView();
        assertEquals(6, rows.getItems().size());
        assertEquals("+1555•••0011", rows.getItems().get(0).to(), "numbers are masked");

        robot.clickOn(start);
        // no refresh is asked for: the bridge's campaigns_changed events bring every change
        waitUntil(() -> "Running".equals(state.getText()) && !pause.isDisabled());
        waitUntil(() -> rows.getItems().stream().anyMatch(r -> r.state().equals("in_call")));
        robot.clickOn(pause);
        waitUntil(() -> "Paused".equals(state.getText()) && !resume.isDisabled() && pause.isDisabled());
        int dialled = h.twilio.createdCount();
        assertTrue(dialled >= 1 && dialled < 6, "paused midway: " + dialled);
        // the call under way ends while paused (the view follows it), and nobody new is dialled
        waitUntil(() -> robot.lookup("#campaignOutcomes-completed").tryQuery().isPresent());
        assertEquals(dialled, h.twilio.createdCount(), "no dial while paused");
        assertTrue(rows.getItems().stream().anyMatch(r -> r.state().equals("pending")));

        robot.clickOn(resume);
        waitUntil(() -> "Completed".equals(state.getText()));
        assertEquals("Completed 6", text(robot, "#campaignOutcomes-completed"));
        assertEquals("Done 6", text(robot, "#campaignStates-done"));
        assertEquals(1.0, robot.lookup("#campaignBar").queryAs(ProgressBar.class).getProgress(), 1e-9);
        assertEquals("6 of 6 rows finished", text(robot, "#campaignCounted"));
        assertTrue(rows.getItems().stream().allMatch(r -> r.state().equals("done")));
        assertTrue(start.isDisabled() && pause.isDisabled() && resume.isDisabled()
                && robot.lookup("#campaignCancel").queryButton().isDisabled(), "a completed campaign is over");
        assertEquals(CampaignState.COMPLETED, h.bridge.campaigns().list(Actor.OWNER).get(0).state());
        assertFalse(rows.getItems().toString().contains("4821"), "never a code");
        assertEquals(id, h.bridge.campaigns().list(Actor.OWNER).get(0).id());

        Path csvFile = Files.createTempFile("results", ".csv");
        Path jsonFile = Files.createTempFile("results", ".json");
        robot.interact(() -> model.progress().export(csvFile, ConsoleServices.ResultFormat.CSV));
        robot.interact(() -> model.progress().export(jsonFile, ConsoleServices.ResultFormat.JSON));
        waitUntil(() -> Files.size(csvFile) > 0 && Files.size(jsonFile) > 0
                && text(robot, "#campaignMessage").startsWith("Results exported"));
        String exported = Files.readString(csvFile);
        assertTrue(exported.startsWith("\uFEFFline,to,state,outcome"), "a CSV Excel reads as UTF-8: " + exported);
        assertEquals(7, exported.strip().split("\n").length, "a header and one line a row");
        assertTrue(exported.contains("+1555•••0011") && !exported.contains("+15550100011"), "numbers masked");
        String json = Files.readString(jsonFile);
        assertTrue(json.contains("\"tries\"") && json.contains("+1555•••0016"), json);
        for (int i = 1; i <= 6; i++) {
            assertFalse(exported.contains("48" + (20 + i)) || json.contains("\"48" + (20 + i) + "\""),
                    "never a code");
        }
    }
}
