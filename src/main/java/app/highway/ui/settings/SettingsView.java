package app.highway.ui.settings;

import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.DefaultPropertyEditorFactory;
import org.controlsfx.property.editor.Editors;

/** The call settings editor (ControlsFX property sheet), with Save / Revert and what was wrong. */
public final class SettingsView {
    private final VBox root = new VBox(8);

    public SettingsView(SettingsViewModel model) {
        root.setId("settingsView");
        root.setPadding(new Insets(12));
        List<PropertySheet.Item> items = new java.util.ArrayList<>(List.of(
                new SettingItem("Model", "Realtime model", "The OpenAI Realtime model (GA), e.g. gpt-realtime or "
                        + "gpt-realtime-mini", String.class, model.modelProperty(), null),
                new SettingItem("Model", "Voice", "The assistant's voice (seed default: shimmer). Applies to the "
                        + "next call.", String.class, model.voiceProperty(), SettingsViewModel.voices()),
                new SettingItem("Model", "Temperature", SettingsViewModel.temperatureNote(), String.class,
                        model.temperatureProperty(), null),
                new SettingItem("Model", "Transcription model", "Transcribes the caller's words for the transcript",
                        String.class, model.transcriptionModelProperty(), SettingsViewModel.transcriptionModels()),
                new SettingItem("Turn detection (server VAD)", "VAD threshold", "0 to 1; higher needs louder speech "
                        + "to count as the caller talking (seed: 0.95)", String.class, model.vadThresholdProperty(),
                        null),
                new SettingItem("Turn detection (server VAD)", "Prefix padding (ms)", "Audio kept before speech "
                        + "starts", String.class, model.prefixPaddingMsProperty(), null),
                new SettingItem("Turn detection (server VAD)", "Silence duration (ms)", "Silence that ends the "
                        + "caller's turn", String.class, model.silenceDurationMsProperty(), null),
                new SettingItem("Limits", "Max call duration (s)", "The call is wrapped up after this; also sent to "
                        + "Twilio as TimeLimit", String.class, model.maxCallSecondsProperty(), null),
                new SettingItem("Limits", "Ring timeout (s)", "How long the phone rings before giving up",
                        String.class, model.ringTimeoutSecondsProperty(), null)));
        model.priceFields().forEach((name, fields) -> {
            for (int i = 0; i < fields.size(); i++) {
                items.add(new SettingItem("Prices: " + name + " (USD per 1M tokens)", SettingsViewModel.PRICE_NAMES.get(i),
                        "What OpenAI charges for " + SettingsViewModel.PRICE_NAMES.get(i) + " tokens on " + name
                                + "; check OpenAI's pricing page", String.class, fields.get(i), null));
            }
        });
        PropertySheet sheet = new PropertySheet(javafx.collections.FXCollections.observableArrayList(items));
        sheet.setId("settingsSheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        DefaultPropertyEditorFactory defaults = new DefaultPropertyEditorFactory();
        sheet.setPropertyEditorFactory(item -> item instanceof SettingItem s && s.choices() != null
                ? Editors.createChoiceEditor(item, s.choices()) : defaults.call(item));
        VBox.setVgrow(sheet, Priority.ALWAYS);

        Label note = new Label("Temperature: " + SettingsViewModel.temperatureNote());
        note.setId("temperatureNote");
        note.setWrapText(true);
        note.getStyleClass().add("hint");

        Button save = new Button("Save settings");
        save.setId("saveSettingsButton");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> model.save());
        Button revert = new Button("Revert");
        revert.setOnAction(e -> model.revert());
        Label message = new Label();
        message.setId("settingsMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        message.textProperty().addListener((o, a, b) -> {
            message.getStyleClass().removeAll("error-text", "ok-text");
            message.getStyleClass().add(b != null && b.startsWith("Not saved") ? "error-text" : "ok-text");
        });
        root.getChildren().addAll(new Label("Applied to the next call. A running call keeps the settings it "
                + "started with (see its detail)."), sheet, note, new HBox(8, save, revert), message);
    }

    public VBox node() {
        return root;
    }
}
