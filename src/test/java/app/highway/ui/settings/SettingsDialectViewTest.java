package app.highway.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.usage.PriceTable;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The settings sheet says which dialect the typed model speaks and greys out, without clearing them, the
 * settings GPT-Live does not take (temperature, transcription model, turn detection); back to a Realtime model,
 * they are editable again.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class SettingsDialectViewTest {
    private final AtomicReference<CallSettings> settings = new AtomicReference<>(CallSettings.defaults("gpt-realtime"));
    private final AtomicReference<PriceTable> prices = new AtomicReference<>(PriceTable.defaults());

    @Start
    void start(Stage stage) {
        SettingsViewModel model = new SettingsViewModel(Stored.of(settings::get, settings::set),
                Stored.of(prices::get, prices::set), Runnable::run, Runnable::run);
        stage.setScene(new Scene(new SettingsView(model).node(), 900, 700));
        stage.show();
    }

    @Test
    void theModelFieldSwitchesTheDialectNoteAndTheSettingsItTakes(FxRobot robot) {
        Label note = robot.lookup("#modelDialectNote").queryAs(Label.class);
        assertTrue(note.getText().startsWith("Speaks the Realtime API"), note.getText());
        for (int i = 0; i < SettingsView.REALTIME_ONLY.size(); i++) {
            assertFalse(robot.lookup("#realtimeOnly" + i).query().isDisabled(), SettingsView.REALTIME_ONLY.get(i));
        }

        TextField model = robot.lookup("#modelField").queryAs(TextField.class);
        assertTrue(model.getPromptText().contains("gpt-live-1"), model.getPromptText());
        robot.interact(() -> model.setText("gpt-live-1"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(note.getText().startsWith("Speaks GPT-Live"), note.getText());
        assertTrue(note.isVisible());
        for (int i = 0; i < SettingsView.REALTIME_ONLY.size(); i++) {
            Node field = robot.lookup("#realtimeOnly" + i).query();
            assertTrue(field.isDisabled(), SettingsView.REALTIME_ONLY.get(i) + " is not sent to GPT-Live");
        }
        TextField vad = robot.lookup("#realtimeOnly2").queryAs(TextField.class);
        assertEquals("0.95", vad.getText(), "kept, not cleared");

        robot.interact(() -> model.setText("gpt-realtime-mini"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(note.getText().startsWith("Speaks the Realtime API"), note.getText());
        assertFalse(robot.lookup("#realtimeOnly0").query().isDisabled());
    }
}
