package app.highway.ui.history;

import app.highway.call.CallSnapshot;
import app.highway.realtime.RealtimeDialect;
import app.highway.call.PhoneMask;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.common.Formats;
import app.highway.ui.common.WordCell;
import app.highway.ui.common.Words;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.stage.FileChooser;

/** Past calls: filters (who placed them among them), the table, the selected record in full, export and delete. */
public final class HistoryView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final BorderPane root = new BorderPane();

    public HistoryView(HistoryViewModel model, CallDetailViewModel detail, ZoneId zone) {
        root.setId("historyView");
        DatePicker from = new DatePicker();
        from.setId("historyFrom");
        from.valueProperty().bindBidirectional(model.fromProperty());
        DatePicker to = new DatePicker();
        to.setId("historyTo");
        to.valueProperty().bindBidirectional(model.toProperty());
        TextField number = new TextField();
        number.setId("historyNumber");
        number.setPromptText("Number contains…");
        number.textProperty().bindBidirectional(model.numberProperty());
        ChoiceBox<String> state = new ChoiceBox<>();
        state.getItems().setAll(HistoryViewModel.states());
        state.valueProperty().bindBidirectional(model.stateProperty());
        ChoiceBox<String> reflection = new ChoiceBox<>();
        reflection.getItems().setAll(HistoryViewModel.reflections());
        reflection.setConverter(new javafx.util.StringConverter<>() { // words for people; the filter keeps the value
            @Override
            public String toString(String value) {
                return value == null || HistoryViewModel.ANY.equals(value) ? HistoryViewModel.ANY
                        : Words.reflection(value);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        });
        reflection.valueProperty().bindBidirectional(model.reflectionProperty());
        ChoiceBox<String> placedBy = new ChoiceBox<>(model.placers());
        placedBy.setId("historyPlacedBy");
        placedBy.valueProperty().bindBidirectional(model.placedByProperty());
        Button search = new Button("Search");
        search.setId("historySearchButton");
        search.setOnAction(e -> model.search());
        // Enter in the number field (or anywhere in the filters) searches; not a default button, which would
        // compete with the other tabs' for Enter
        number.setOnAction(e -> model.search());
        CheckBox mask = new CheckBox("Mask numbers in exports");
        mask.selectedProperty().bindBidirectional(model.maskNumbersProperty());
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> chooseFile("highway-calls.csv").ifPresent(p -> model.export(p, true)));
        Button jsonExport = new Button("Export JSON…");
        jsonExport.setOnAction(e -> chooseFile("highway-calls.json").ifPresent(p -> model.export(p, false)));

        ChoiceBox<String> dialect = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(
                HistoryViewModel.dialects()));
        dialect.setId("historyDialect");
        dialect.valueProperty().bindBidirectional(model.dialectProperty());
        TableView<CallSnapshot> table = new TableView<>(model.rows());
        table.setId("historyTable");
        table.setPlaceholder(new Label("No calls match. Change the filters and press Search (or Enter)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Started", c -> WHEN.format(c.createdAt().atZone(zone)), 150));
        table.getColumns().add(column("Number", c -> PhoneMask.mask(c.to()), 120));
        table.getColumns().add(column("Placed by", CallSnapshot::placedBy, 95));
        table.getColumns().add(column("State", c -> c.state().wire(), 95));
        table.getColumns().add(words(column("Reflection", CallSnapshot::reflection, 125), Words::reflection));
        table.getColumns().add(words(column("Ended because", CallSnapshot::endReason, 170), Words::endReason));
        table.getColumns().add(column("Talk time", c -> c.durationSeconds() == null ? ""
                : Formats.elapsed(java.time.Duration.ofSeconds(c.durationSeconds())), 75));
        table.getColumns().add(column("Model", c -> c.model() + " (" + RealtimeDialect.of(c.model()) + ")", 150));
        table.getColumns().add(column("Tokens", c -> String.valueOf(c.usage().totalTokens()), 70));
        table.getColumns().add(column("Cost", c -> Formats.cost(c.costUsd()), 70));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            model.selected(row); // a deletion confirmed for one row never applies to the next
            if (row != null) {
                detail.show(row.id());
            }
        });

        Button delete = new Button("Delete record…");
        delete.setId("deleteRecordButton");
        delete.getStyleClass().add("danger");
        delete.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        delete.setOnAction(e -> {
            CallSnapshot row = table.getSelectionModel().getSelectedItem();
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, model.requestDelete(row), ButtonType.OK,
                    ButtonType.CANCEL);
            confirm.setHeaderText("Delete the record of the call to " + PhoneMask.mask(row.to()) + "?");
            confirm.getDialogPane().setId("deleteConfirmation");
            confirm.initOwner(root.getScene().getWindow());
            if (confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
                model.confirmDelete();
            } else {
                model.cancelDelete();
            }
        });
        Label message = new Label();
        message.setId("historyMessage");
        message.textProperty().bind(model.messageProperty());

        FlowPane filters = new FlowPane(8, 6, new Label("From"), from, new Label("to"), to, number,
                new Label("State"), state, new Label("Reflection"), reflection, new Label("Placed by"), placedBy,
                new Label("Dialect"), dialect,
                search, mask, csv, jsonExport, delete, message);
        filters.setPadding(new Insets(8, 10, 8, 10));
        filters.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) { // what the controls did not use themselves
                e.consume();
                model.search();
            }
        });
        SplitPane split = new SplitPane(table, new CallDetailView(detail, zone, "historyDetail").node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setTop(filters);
        root.setCenter(split);
    }

    private Optional<Path> chooseFile(String name) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        var file = chooser.showSaveDialog(root.getScene().getWindow());
        return Optional.ofNullable(file).map(java.io.File::toPath);
    }

    private static TableColumn<CallSnapshot, String> column(String title,
            java.util.function.Function<CallSnapshot, String> value, double width) {
        TableColumn<CallSnapshot, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<CallSnapshot, String> words(TableColumn<CallSnapshot, String> column,
            java.util.function.Function<String, String> words) {
        column.setCellFactory(c -> new WordCell<>(words));
        return column;
    }

    public BorderPane node() {
        return root;
    }

}
