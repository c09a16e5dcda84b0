package app.highway.ui.shell;

import java.util.function.IntSupplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * Closing the window stops the embedded bridge, which ends every live call: with calls in progress
 * the operator is asked first; with none the window closes as it always did. (A server's SIGTERM
 * never comes here: the headless bridge shuts down in order without asking.)
 */
final class CloseGuard {
    static final String END_ID = "endCallsAndCloseButton";
    static final String KEEP_ID = "keepWindowOpenButton";

    private final IntSupplier liveCalls;
    private final int port;

    /** {@code liveCalls} counts the calls in progress (FX thread); {@code port} is the control API's. */
    CloseGuard(IntSupplier liveCalls, int port) {
        this.liveCalls = liveCalls;
        this.port = port;
    }

    void install(Stage stage) {
        stage.setOnCloseRequest(e -> {
            if (!mayClose(stage)) {
                e.consume();
            }
        });
    }

    /** What the question says, for {@code live} calls in progress. */
    static String header(int live) {
        return live == 1 ? "1 call is in progress" : live + " calls are in progress";
    }

    String explanation(int live) {
        return "Closing Highway Console stops its bridge: " + (live == 1 ? "the call in progress ends" : "the "
                + live + " calls in progress end") + " now (the callee hears the line go dead), and the control API "
                + "on port " + port + " stops until the console is opened again.";
    }

    static String endLabel(int live) {
        return live == 1 ? "End the call and close" : "End " + live + " calls and close";
    }

    private boolean mayClose(Stage stage) {
        int live = liveCalls.getAsInt();
        if (live == 0) {
            return true;
        }
        ButtonType end = new ButtonType(endLabel(live), ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType("Keep the window open", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.WARNING, explanation(live), end, keep);
        alert.initOwner(stage);
        alert.setTitle("Close Highway Console?");
        alert.setHeaderText(header(live));
        alert.getDialogPane().setId("closeGuard");
        alert.getDialogPane().lookupButton(end).setId(END_ID);
        javafx.scene.control.Button keepButton = (javafx.scene.control.Button) alert.getDialogPane().lookupButton(keep);
        keepButton.setId(KEEP_ID);
        keepButton.setDefaultButton(true); // Enter keeps the calls going
        ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(end)).setDefaultButton(false);
        return alert.showAndWait().filter(end::equals).isPresent();
    }
}
