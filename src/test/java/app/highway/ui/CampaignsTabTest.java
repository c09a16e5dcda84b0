package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.campaign.CampaignRecord;
import app.highway.support.BridgeHarness;
import app.highway.support.CampaignClient;
import app.highway.ui.shell.MainWindow;
import java.util.concurrent.TimeUnit;
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

/** The embedded console's Campaigns tab: built when first shown, it lists what the bridge holds and opens the wizard. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class CampaignsTabTest {
    private BridgeHarness h;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        window = new MainWindow(h.bridge.console());
        window.showIn(stage);
        stage.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(window::close);
        h.close();
    }

    @Test
    void theTabListsTheBridgesCampaignsAndOpensTheWizardAtItsFirstStep(FxRobot robot) throws Exception {
        String id = new CampaignClient(h.baseUrl(), BridgeHarness.API_TOKEN).create(
                "to,verification\n+15550100001,4821\n", "name=Before");
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertTrue(robot.lookup("#campaignsView").tryQuery().isEmpty(), "built the first time it is shown");
        robot.interact(() -> tabs.getTabs().stream().filter(t -> "campaignsTab".equals(t.getId())).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#campaignList").tryQuery().isPresent());
        TableView<CampaignRecord> list = robot.lookup("#campaignList").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 1);
        assertEquals(id, list.getItems().get(0).id());
        Label state = robot.lookup("#campaignState").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Ready".equals(state.getText()));

        robot.clickOn("#newCampaign");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#wizardChooseFile").tryQuery().isPresent());
        robot.clickOn("#wizardCancelFile");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#campaignList").tryQuery().isPresent());
    }
}
