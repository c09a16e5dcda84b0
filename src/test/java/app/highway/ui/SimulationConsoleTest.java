package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.Bridge;
import app.highway.config.AppConfig;
import app.highway.ui.board.CallRow;
import app.highway.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
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

/** Without credentials the console runs a labelled simulation a newcomer can watch move. */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class SimulationConsoleTest {
    private Bridge bridge;
    private Path data;
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        data = Files.createTempDirectory("highway-sim-ui");
        AppConfig noCredentials = AppConfig.from(Map.of("PORT", "0", "HIGHWAY_DATA_DIR", data.toString()));
        assertEquals(4, noCredentials.missingForLiveCalls().size());
        bridge = Bridge.start(noCredentials, true);
        window = new MainWindow(bridge.console());
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void stop() {
        WaitForAsyncUtils.asyncFx(window::close);
        bridge.close();
    }

    @Test
    void theBannerSaysNoRealCallsAndSimulatedCallsRunToTheirEnd(FxRobot robot) throws Exception {
        Label banner = robot.lookup("#simulationBanner").queryAs(Label.class);
        assertTrue(banner.isVisible());
        assertEquals("Simulation: no real calls are placed. Add OPENAI_API_KEY and Twilio credentials to place real "
                + "calls.", banner.getText());
        assertEquals("SIMULATION", robot.lookup("#modeLabel").queryAs(Label.class).getText());

        robot.clickOn("#simulateCallsButton");
        TableView<CallRow> board = robot.lookup("#callBoard").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> board.getItems().size() == 5);
        WaitForAsyncUtils.waitFor(40, TimeUnit.SECONDS, () -> board.getItems().stream()
                .allMatch(r -> r.stateProperty().get().isFinal() && r.reflectionProperty().get() != null));
        assertTrue(board.getItems().stream().allMatch(r -> r.tokensProperty().get() > 0 && r.costProperty().get() > 0));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#todayTotals").queryAs(Label.class)
                .getText().startsWith("Today: 5 calls (0 live)"));
    }

    @Test
    void aboutSaysWhereTheGeneratedApiTokenIsAndCopiesThePath(FxRobot robot) throws Exception {
        robot.clickOn("#aboutButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#aboutApiToken").tryQuery().isPresent());
        String tokenFile = data.resolve("api-token").toString();
        assertEquals(tokenFile, robot.lookup("#aboutApiToken").queryAs(Label.class).getText());
        robot.clickOn("#aboutCopyTokenPath");
        assertEquals(tokenFile, WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard()
                .getString()).get());
        robot.clickOn("Close");
    }
}
