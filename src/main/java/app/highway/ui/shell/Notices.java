package app.highway.ui.shell;

import app.highway.ui.board.Notice;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** Shows the board's notices (a failed call, a problem) as ControlsFX notifications over the window. */
final class Notices {
    private Notices() {
    }

    static void show(Scene scene, Notice notice) {
        Window owner = scene.getWindow();
        if (owner == null || !owner.isShowing()) {
            return;
        }
        Notifications n = Notifications.create().title(notice.title()).text(notice.text()).owner(owner)
                .hideAfter(Duration.seconds(6));
        if (notice.error()) {
            n.showError();
        } else {
            n.showInformation();
        }
    }
}
