package app.highway.ui.call;

import app.highway.call.TranscriptLine;
import java.time.ZoneId;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/** The selected call: header with hang-up, facts, transcript and timeline. */
public final class CallDetailView {
    private final VBox root = new VBox(8);

    /** {@code id} names this instance (the live board's detail, the history's), so each can be found. */
    public CallDetailView(CallDetailViewModel model, ZoneId zone, String id) {
        root.setId(id);
        root.getStyleClass().add("call-detail");
        root.setPadding(new Insets(10));

        Label title = new Label();
        title.getStyleClass().add("detail-title");
        title.setId("detailTitle");
        title.textProperty().bind(model.titleProperty());
        Button hangUp = new Button("Hang up", new FontIcon(MaterialDesignP.PHONE_HANGUP));
        hangUp.setId("hangUpButton");
        hangUp.getStyleClass().add("danger");
        hangUp.disableProperty().bind(model.canHangUpProperty().not());
        hangUp.setOnAction(e -> model.hangUp());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        hangUp.setMinWidth(Region.USE_PREF_SIZE);
        title.setMinWidth(0);
        HBox header = new HBox(8, title, spacer, hangUp);
        header.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        GridPane facts = new GridPane();
        facts.setHgap(10);
        facts.setVgap(4);
        facts.getStyleClass().add("detail-facts");
        addFact(facts, 0, "State", model.stateProperty(), "detailState", model.stateRawProperty());
        addFact(facts, 1, "Reflection", model.reflectionProperty(), "detailReflection", model.reflectionRawProperty());
        addFact(facts, 2, "Tokens", model.usageProperty(), "detailUsage", null);
        addFact(facts, 3, "Cost", model.costProperty(), "detailCost", null);
        addFact(facts, 4, "Settings", model.settingsProperty(), "detailSettings", null);
        addFact(facts, 5, "Turn latency", model.turnLatencyProperty(), "detailTurnLatency", null);

        Label priceWarning = new Label();
        priceWarning.setId("detailPriceWarning");
        priceWarning.getStyleClass().add("warning-banner");
        priceWarning.setWrapText(true);
        priceWarning.setMaxWidth(Double.MAX_VALUE);
        priceWarning.setGraphic(new FontIcon(org.kordamp.ikonli.materialdesign2.MaterialDesignA.ALERT));
        priceWarning.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.priceWarningProperty().get().isEmpty() ? ""
                        : model.priceWarningProperty().get() + ". Set its price in Settings.",
                model.priceWarningProperty()));
        priceWarning.visibleProperty().bind(model.priceWarningProperty().isNotEmpty());
        priceWarning.managedProperty().bind(priceWarning.visibleProperty());

        ListView<TranscriptLine> transcript = new ListView<>(model.transcript());
        transcript.setId("transcript");
        transcript.setCellFactory(list -> new TranscriptCell(zone));
        model.transcript().addListener((javafx.collections.ListChangeListener<TranscriptLine>) c -> {
            if (!model.transcript().isEmpty()) {
                transcript.scrollTo(model.transcript().size() - 1);
            }
        });
        ListView<String> timeline = new ListView<>(model.timeline());
        timeline.setId("timeline");
        timeline.setCellFactory(list -> new ListCell<>() {
            private final javafx.scene.control.Tooltip raw = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                String recorded = empty ? "" : model.timelineRaw(getIndex());
                raw.setText(recorded);
                setTooltip(recorded.isEmpty() ? null : raw);
            }
        });
        // a live call's timeline grows: follow it. Scrolled once the list has taken the change in (this listener
        // runs before the list view's own, when the list view does not know the new lines yet)
        model.timeline().addListener((javafx.collections.ListChangeListener<String>) c ->
                javafx.application.Platform.runLater(() -> {
                    if (!model.timeline().isEmpty()) {
                        timeline.scrollTo(model.timeline().size() - 1);
                    }
                }));

        TabPane tabs = new TabPane(new Tab("Transcript", transcript), new Tab("Timeline", timeline));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        facts.setPrefWidth(420);
        facts.setMinWidth(300);
        HBox body = new HBox(14, facts, tabs);
        HBox.setHgrow(tabs, Priority.ALWAYS);
        VBox.setVgrow(body, Priority.ALWAYS);
        root.getChildren().addAll(header, priceWarning, body);
    }

    private static void addFact(GridPane grid, int row, String name, ObservableValue<String> value, String id,
            ObservableValue<String> raw) {
        Label label = new Label(name);
        label.getStyleClass().add("fact-name");
        label.setMinWidth(Region.USE_PREF_SIZE);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        Label text = new Label();
        text.setId(id);
        text.textProperty().bind(value);
        text.setWrapText(true);
        if (raw != null) { // the words are for people; the recorded value is in the tooltip
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            tip.textProperty().bind(raw);
            text.tooltipProperty().bind(javafx.beans.binding.Bindings.when(
                    javafx.beans.binding.Bindings.createBooleanBinding(() -> raw.getValue() == null
                            || raw.getValue().isEmpty(), raw)).then((javafx.scene.control.Tooltip) null).otherwise(tip));
        }
        grid.addRow(row, label, text);
    }

    /** Adds a section under the header (the live board's detail: Supervise). */
    public void addSection(javafx.scene.Node section) {
        root.getChildren().add(1, section);
    }

    public VBox node() {
        return root;
    }
}
