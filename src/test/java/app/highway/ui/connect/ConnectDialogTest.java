package app.highway.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import app.highway.support.BridgeHarness;
import app.highway.support.StreamConsoles;
import app.highway.team.Actor;
import app.highway.team.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
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
 * The connection dialog against a bridge started in the test: a wrong token is refused in words and the dialog
 * stays; the right one connects as its person and is remembered (the token owner-only, offered masked next
 * time); "Run a bridge here" leaves everything as it was.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class ConnectDialogTest {
    @TempDir
    static Path config;
    private BridgeHarness h;
    private String alice;
    private final AtomicReference<RemoteConsole> connected = new AtomicReference<>();
    private final AtomicBoolean ranHere = new AtomicBoolean();
    private ConnectViewModel vm;

    @Start
    void start(Stage stage) throws Exception {
        h = BridgeHarness.start();
        h.bridge.team().addPerson(Actor.OWNER, "alice", "Alice", Role.AGENT);
        alice = h.bridge.team().issueToken(Actor.OWNER, "alice", "test").secret();
        vm = new ConnectViewModel(new SavedBridges(config), (url, token) -> RemoteConsole.connect(url, token,
                config, StreamConsoles.QUICK), Executors.newSingleThreadExecutor(), Platform::runLater,
                connected::set, () -> ranHere.set(true));
        vm.load(java.util.Optional.empty(), null);
        stage.setScene(new Scene(new ConnectView(vm).node(), 700, 420));
        stage.show();
    }

    @AfterEach
    void stop() {
        if (connected.get() != null) {
            connected.get().close();
        }
        h.close();
    }

    @Test
    void aWrongTokenIsRefusedAndTheRightOneConnectsAndIsRemembered(FxRobot robot) throws Exception {
        javafx.scene.control.ComboBox<?> url = robot.lookup("#bridgeUrl").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> url.getEditor().setText(h.baseUrl()));
        robot.clickOn("#bridgeToken").write("hwy_not-a-real-token-000000000000");
        robot.clickOn("#connectButton");
        Label message = robot.lookup("#connectMessage").queryAs(Label.class);
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.getText().startsWith("Not connected"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the dialog says: " + message.getText(), e);
        }
        assertTrue(message.getText().contains("no longer accepts your token"), message.getText());
        assertFalse(message.getText().contains("hwy_not"), "never the token");

        PasswordField token = robot.lookup("#bridgeToken").queryAs(PasswordField.class);
        robot.interact(() -> token.setText(alice));
        robot.clickOn("#connectButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> connected.get() != null);
        assertEquals("alice", connected.get().actor().user());

        SavedBridges saved = new SavedBridges(config);
        assertEquals(h.baseUrl(), saved.recent().get(0), "the last bridge is offered first");
        assertEquals(alice, saved.token(h.baseUrl()).map(Secret::reveal).orElseThrow());
        Path tokens = config.resolve(SavedBridges.TOKENS_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens)));
        assertFalse(Files.readString(config.resolve(SavedBridges.BRIDGES_FILE)).contains(alice));
    }

    @Test
    void runningABridgeHereIsOneClickAway(FxRobot robot) throws Exception {
        robot.clickOn("#runHereChoice");
        robot.clickOn("#connectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, ranHere::get);
        assertEquals(null, connected.get());
    }

    @Test
    void theLastBridgeIsOfferedWithItsTokenMasked(FxRobot robot) throws Exception {
        new SavedBridges(config).remember(h.baseUrl(), Secret.of(alice), true);
        CompletableFuture<Void> reloaded = new CompletableFuture<>();
        robot.interact(() -> {
            vm.urlProperty().set("");
            vm.load(java.util.Optional.empty(), null);
            reloaded.complete(null);
        });
        reloaded.get(5, TimeUnit.SECONDS);
        PasswordField token = robot.lookup("#bridgeToken").queryAs(PasswordField.class);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> alice.equals(token.getText()));
        assertEquals(h.baseUrl(), vm.urlProperty().get());
        assertTrue(token instanceof PasswordField, "shown as dots, never in clear");
    }
}
