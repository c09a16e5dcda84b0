package app.highway.ui.connect;

import java.time.Instant;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.Label;
import javafx.util.Duration;

/** The status bar's connection label: green while connected, orange otherwise, its countdown ticking each 0.5 s. */
public final class ConnectionBadge {
    private final Label label = new Label();
    private final Timeline ticker;

    public ConnectionBadge(ConnectionStatus status) {
        label.setId("connectionLabel");
        label.textProperty().bind(status.textProperty());
        label.styleProperty().bind(javafx.beans.binding.Bindings.when(status.connectedProperty())
                .then("-fx-text-fill: #2e7d32; -fx-padding: 2 8;")
                .otherwise("-fx-text-fill: white; -fx-background-color: #e65100; -fx-padding: 2 8;"));
        ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> status.tick(Instant.now())));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
    }

    /**
     * A badge that shows only while the connection does not hold: the embedded console follows its own bridge
     * over loopback, which is no news while it works, and shown as a remote console shows it if it drops.
     */
    public static ConnectionBadge onlyWhenLost(ConnectionStatus status) {
        ConnectionBadge badge = new ConnectionBadge(status);
        badge.label.visibleProperty().bind(status.connectedProperty().not().and(status.textProperty().isNotEmpty()));
        badge.label.managedProperty().bind(badge.label.visibleProperty());
        return badge;
    }

    public Label node() {
        return label;
    }

    public void stop() {
        ticker.stop();
    }
}
