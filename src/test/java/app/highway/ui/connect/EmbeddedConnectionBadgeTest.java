package app.highway.ui.connect;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.remote.LiveCalls;
import app.highway.support.BridgeHarness;
import app.highway.team.Actor;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
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
 * The embedded console's status bar and its loopback stream: nothing is said while the stream holds (it is no
 * remote bridge), and a lost stream is shown as a remote console shows it.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class EmbeddedConnectionBadgeTest {
    private BridgeHarness h;
    private ConnectionBadge badge;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        LiveCalls live = h.bridge.consoleLiveCalls(); // connects the console's stream, as the console does
        live.awaitFirstSnapshot(java.time.Duration.ofSeconds(10)); // (Bridge.startForConsole waits so too)
        ConnectionStatus status = new ConnectionStatus(live.bridge().toString(), Actor.OWNER, Platform::runLater);
        badge = ConnectionBadge.onlyWhenLost(status);
        live.watch(status::accept);
        stage.setScene(new Scene(new HBox(8, badge.node(), new Label("status bar")), 600, 80));
        stage.show();
    }

    @AfterEach
    void stop() {
        badge.stop();
        h.close();
    }

    @Test
    void saysNothingWhileTheLoopbackStreamHoldsAndShowsItWhenItIsLost(FxRobot robot) throws Exception {
        Label label = robot.lookup("#connectionLabel").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(label.isVisible(), "no \"connected to a bridge\" for the console's own bridge: " + label.getText());

        h.bridge.eventStreams().closeUser("owner", "test: the stream is cut").get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, label::isVisible);
        assertTrue(label.getText().startsWith("The bridge refused owner (admin)"), label.getText());
    }
}
