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

    public Label node() {
        return label;
    }

    public void stop() {
        ticker.stop();
    }
}
