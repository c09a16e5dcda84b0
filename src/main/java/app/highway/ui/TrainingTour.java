package app.highway.ui;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * For packaging only: packaging/jpackage.sh trains the installers' AOT cache on a console run with
 * {@code -Dhighway.tourSeconds=N}. The ready console then opens each main tab in turn (one a second,
 * round and round) and closes its window N seconds later, which stops the bridge and exits the JVM
 * as a user's close would. Without the property (always, for users) nothing happens.
 */
final class TrainingTour {
    static final String PROPERTY = "highway.tourSeconds";

    private TrainingTour() {
    }

    /** FX thread, once the console's scene is in {@code stage}. */
    static void startIfAsked(Stage stage) {
        String seconds = System.getProperty(PROPERTY);
        if (seconds == null || !(stage.getScene().lookup("#mainTabs") instanceof TabPane tabs)) {
            return;
        }
        double end = Math.max(1, Double.parseDouble(seconds.trim()));
        Timeline tour = new Timeline();
        for (int i = 1; i < end; i++) {
            int index = i % tabs.getTabs().size();
            tour.getKeyFrames().add(new KeyFrame(Duration.seconds(i), e -> tabs.getSelectionModel().select(index)));
        }
        tour.getKeyFrames().add(new KeyFrame(Duration.seconds(end), e -> stage.close()));
        tour.play();
    }
}
