package app.highway.ui.history;

import app.highway.call.CallSnapshot;
import app.highway.call.PhoneMask;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.common.Formats;
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

/** Past calls: filters, the table, the selected record in full, export and delete. */
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
        reflection.valueProperty().bindBidirectional(model.reflectionProperty());
        Button search = new Button("Search");
        search.setId("historySearchButton");
        search.setDefaultButton(true);
        search.setOnAction(e -> model.search());
        CheckBox mask = new CheckBox("Mask numbers in exports");
        mask.selectedProperty().bindBidirectional(model.maskNumbersProperty());
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> chooseFile("highway-calls.csv").ifPresent(p -> model.export(p, true)));
        Button jsonExport = new Button("Export JSON…");
        jsonExport.setOnAction(e -> chooseFile("highway-calls.json").ifPresent(p -> model.export(p, false)));

        TableView<CallSnapshot> table = new TableView<>(model.rows());
        table.setId("historyTable");
        table.setPlaceholder(new Label("Press Search to list past calls."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Started", c -> WHEN.format(c.createdAt().atZone(zone)), 150));
        table.getColumns().add(column("Number", c -> PhoneMask.mask(c.to()), 120));
        table.getColumns().add(column("State", c -> c.state().wire(), 95));
        table.getColumns().add(column("Reflection", c -> Formats.reflection(c.reflection()), 125));
        table.getColumns().add(column("Ended because", c -> c.endReason() == null ? "" : c.endReason(), 150));
        table.getColumns().add(column("Talk", c -> c.durationSeconds() == null ? ""
                : Formats.elapsed(java.time.Duration.ofSeconds(c.durationSeconds())), 60));
        table.getColumns().add(column("Tokens", c -> String.valueOf(c.usage().totalTokens()), 70));
        table.getColumns().add(column("Cost", c -> Formats.cost(c.costUsd()), 70));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
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
            Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Delete the record of the call to "
                    + PhoneMask.mask(row.to()) + " (transcript, timeline, usage)? This cannot be undone.",
                    ButtonType.OK, ButtonType.CANCEL);
            confirm.setHeaderText("Delete this call's record?");
            confirm.initOwner(root.getScene().getWindow());
            if (confirm.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.OK) {
                model.delete(row);
            }
        });
        Label message = new Label();
        message.setId("historyMessage");
        message.textProperty().bind(model.messageProperty());

        FlowPane filters = new FlowPane(8, 6, new Label("From"), from, new Label("to"), to, number,
                new Label("State"), state, new Label("Reflection"), reflection, search, mask, csv, jsonExport, delete,
                message);
        filters.setPadding(new Insets(8, 10, 8, 10));
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

    public BorderPane node() {
        return root;
    }

}
