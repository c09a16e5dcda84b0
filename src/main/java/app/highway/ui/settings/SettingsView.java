package app.highway.ui.settings;

import app.highway.ui.common.ChangedElsewhereBanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.Property;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.CustomTextField;
import org.controlsfx.control.textfield.TextFields;

/**
 * The call settings editor: sections that can be open together, each a form of name, field (at a
 * width that fits its values) and what it means beside it; a search box that shows the settings
 * whose name or meaning matches; Save / Revert and what was wrong.
 */
public final class SettingsView {
    /** A field's width: numbers are short, model names longer. */
    private static final double NUMBER_WIDTH = 110;
    private static final double NAME_WIDTH = 240;
    private final VBox root = new VBox(8);
    private final List<Row> rows = new ArrayList<>();
    private final Map<TitledPane, List<Row>> sections = new LinkedHashMap<>();

    /** One setting's row: its nodes, and the words a search matches. */
    private record Row(String words, List<Node> nodes) { }

    public SettingsView(SettingsViewModel model) {
        root.setId("settingsView");
        root.setPadding(new Insets(12));
        List<SettingItem> items = new ArrayList<>(List.of(
                new SettingItem("Model", "Realtime model", "The OpenAI voice model: a Realtime model (GA), e.g. "
                        + "gpt-realtime or gpt-realtime-mini, or a GPT-Live model, e.g. gpt-live-1. The next call "
                        + "speaks its dialect", String.class, model.modelProperty(), null),
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
                        String.class, model.ringTimeoutSecondsProperty(), null),
                new SettingItem("Supervisor powers", "Transfer number", "Where a supervisor's transfer sends a live "
                        + "call unless they type another number (E.164, like +12025550123; empty: none). The bridge's "
                        + "number policy applies", String.class, model.transferNumberProperty(), null)));
        model.priceFields().forEach((name, fields) -> {
            for (int i = 0; i < fields.size(); i++) {
                String price = SettingsViewModel.PRICE_NAMES.get(i);
                boolean perMinute = i == SettingsViewModel.PRICE_NAMES.size() - 1;
                items.add(new SettingItem("Prices: " + name + " (USD per 1M tokens; per minute for a session)", price,
                        perMinute ? "What OpenAI charges per minute of voice session on " + name + " (GPT-Live bills "
                                + "time, per second, not tokens; 0 for a Realtime model); check OpenAI's pricing page"
                                : "What OpenAI charges for " + price + " tokens on " + name
                                + " (0 for a GPT-Live model); check OpenAI's pricing page", String.class,
                        fields.get(i), null));
            }
        });

        Label modelWarning = new Label();
        modelWarning.setId("modelPriceWarning");
        modelWarning.setWrapText(true);
        modelWarning.getStyleClass().add("warning-banner");
        modelWarning.textProperty().bind(model.modelWarningProperty());
        modelWarning.visibleProperty().bind(model.modelWarningProperty().isNotEmpty());
        modelWarning.managedProperty().bind(modelWarning.visibleProperty());
        Label dialect = new Label();
        dialect.setId("modelDialectNote");
        dialect.setWrapText(true);
        dialect.getStyleClass().add("hint");
        dialect.textProperty().bind(model.dialectNoteProperty());

        VBox sheet = new VBox(6);
        sheet.setId("settingsSheet");
        sheet.getStyleClass().add("settings-sheet");
        Map<String, GridPane> forms = new LinkedHashMap<>();
        for (SettingItem item : items) {
            GridPane form = forms.computeIfAbsent(item.getCategory(), category -> {
                GridPane grid = form();
                TitledPane section = new TitledPane(category, grid);
                section.setExpanded(true); // sections open together, each can be folded on its own
                section.setAnimated(false);
                sections.put(section, new ArrayList<>());
                sheet.getChildren().add(section);
                return grid;
            });
            Row row = row(form, item, item.getName().equals("Realtime model") ? modelWarning : null,
                    item.getName().equals("Realtime model") ? dialect : null);
            if (REALTIME_ONLY.contains(item.getName())) { // kept, not sent, while the model speaks GPT-Live
                row.nodes().get(1).disableProperty().bind(model.gptLiveProperty());
                row.nodes().get(1).setId("realtimeOnly" + REALTIME_ONLY.indexOf(item.getName()));
            }
            rows.add(row);
            sections.get((TitledPane) sheet.getChildren().get(sheet.getChildren().size() - 1)).add(row);
        }
        ScrollPane scroll = new ScrollPane(sheet);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        CustomTextField search = (CustomTextField) TextFields.createClearableTextField();
        search.setId("settingsSearch");
        search.setPromptText("Find a setting…");
        search.setPrefColumnCount(24);
        search.setMaxWidth(Region.USE_PREF_SIZE);
        search.textProperty().addListener((o, was, text) -> filter(text));

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
                + "started with (see its detail)."), ChangedElsewhereBanner.node("settings", "These settings were",
                        model.changedElsewhereProperty(), model.noticeProperty(), model::reloadFromStore,
                        model::keepEditing), search, scroll, new HBox(8, save, revert), message);
    }

    private static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setPadding(new Insets(6, 8, 6, 8));
        ColumnConstraints name = new ColumnConstraints(); // the same in every section, so the fields line up
        name.setMinWidth(170);
        name.setPrefWidth(170);
        ColumnConstraints field = new ColumnConstraints();
        field.setMinWidth(NAME_WIDTH);
        field.setPrefWidth(NAME_WIDTH);
        ColumnConstraints note = new ColumnConstraints();
        note.setHgrow(Priority.ALWAYS);
        note.setMinWidth(160);
        grid.getColumnConstraints().addAll(name, field, note);
        return grid;
    }

    /** The settings GPT-Live does not take: disabled (kept, not sent) while the model speaks GPT-Live. */
    static final List<String> REALTIME_ONLY = List.of("Temperature", "Transcription model", "VAD threshold",
            "Prefix padding (ms)", "Silence duration (ms)");

    /** Name, field, and beside it what it means (the temperature's note; the model's price warning and dialect below it). */
    @SuppressWarnings("unchecked")
    private static Row row(GridPane grid, SettingItem item, Label warning, Label dialect) {
        int r = grid.getRowCount();
        Label name = new Label(item.getName());
        Node editor;
        if (item.choices() != null) {
            ComboBox<String> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(item.choices()));
            box.valueProperty().bindBidirectional((Property<String>) item.getObservableValue().orElseThrow());
            box.setPrefWidth(NAME_WIDTH);
            editor = box;
        } else {
            TextField text = new TextField();
            text.textProperty().bindBidirectional((StringProperty) item.getObservableValue().orElseThrow());
            text.setPrefWidth(item.getCategory().equals("Model") && item.getName().equals("Realtime model")
                    ? NAME_WIDTH : NUMBER_WIDTH);
            text.setMaxWidth(Region.USE_PREF_SIZE);
            editor = text;
        }
        name.setLabelFor(editor);
        Label note = new Label(item.getDescription());
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        if (item.getName().equals("Temperature")) {
            note.setId("temperatureNote");
        }
        GridPane.setValignment(name, VPos.CENTER);
        grid.addRow(r, name, editor, note);
        List<Node> nodes = new ArrayList<>(List.of(name, editor, note));
        if (warning != null) { // hidden with its setting when a search leaves the setting out
            warning.visibleProperty().bind(warning.textProperty().isNotEmpty().and(name.visibleProperty()));
            grid.add(warning, 1, r + 1, 2, 1);
            nodes.add(warning);
        }
        if (dialect != null) {
            dialect.visibleProperty().bind(name.visibleProperty());
            dialect.managedProperty().bind(dialect.visibleProperty());
            grid.add(dialect, 1, r + 2, 2, 1);
            nodes.add(dialect);
        }
        if (item.getName().equals("Realtime model") && editor instanceof TextField field) {
            field.setId("modelField");
            field.setPromptText(String.join(" / ", SettingsViewModel.suggestedModels()));
        }
        return new Row((item.getName() + " " + item.getDescription() + " " + item.getCategory())
                .toLowerCase(Locale.ROOT), nodes);
    }

    /** Shows the settings whose name, meaning or section matches {@code text}; sections with none are hidden. */
    private void filter(String text) {
        String words = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        sections.forEach((section, sectionRows) -> {
            boolean any = false;
            for (Row row : sectionRows) {
                boolean match = words.isEmpty() || row.words().contains(words);
                any |= match;
                for (Node n : row.nodes()) {
                    if (n.getId() != null && (n.getId().equals("modelPriceWarning")
                            || n.getId().equals("modelDialectNote"))) {
                        continue; // bound to the warning or note itself
                    }
                    n.setVisible(match);
                    n.setManaged(match);
                }
            }
            section.setVisible(any);
            section.setManaged(any);
            if (any && !words.isEmpty()) {
                section.setExpanded(true);
            }
        });
    }

    public VBox node() {
        return root;
    }
}
