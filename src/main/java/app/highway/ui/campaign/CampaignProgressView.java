package app.highway.ui.campaign;

import app.highway.ConsoleServices;
import app.highway.campaign.CampaignProgress;
import java.io.File;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * One campaign's progress: its name and state, a bar, counts by outcome and by row state, the time left, the
 * controls (each enabled only in the states that allow it), and every row (number masked, no code).
 */
public final class CampaignProgressView {
    private final CampaignProgressViewModel model;
    private final ZoneId zone;
    private final VBox root = new VBox(8);

    public CampaignProgressView(CampaignProgressViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        root.setId("campaignProgress");
        root.setPadding(new Insets(10));
        Label title = new Label();
        title.setId("campaignTitle");
        title.getStyleClass().add("title-4");
        title.textProperty().bind(model.titleProperty());
        Label state = new Label();
        state.setId("campaignState");
        state.getStyleClass().add("text-bold");
        state.textProperty().bind(model.stateTextProperty());
        HBox heading = new HBox(10, title, state);
        heading.setAlignment(Pos.BASELINE_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setId("campaignBar");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the row table takes the room, not the bar
        bar.progressProperty().bind(model.fractionProperty());
        Label counted = new Label();
        counted.setId("campaignCounted");
        counted.textProperty().bind(model.countedProperty());
        Label left = new Label();
        left.setId("campaignTimeLeft");
        left.textProperty().bind(model.timeLeftProperty());
        HBox numbers = new HBox(16, counted, left);

        FlowPane outcomes = counts("campaignOutcomes", "Outcomes", model.outcomes());
        FlowPane states = counts("campaignStates", "Rows", model.states());

        Label message = new Label();
        message.setId("campaignMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        TableView<CampaignProgress.RowView> rows = rowTable();
        VBox.setVgrow(rows, Priority.ALWAYS);
        root.getChildren().addAll(heading, bar, numbers, outcomes, states, controls(), message, rows);
        for (Node n : List.of(heading, numbers, outcomes, states, message)) {
            if (n instanceof javafx.scene.layout.Region r) {
                r.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
        }
    }

    private FlowPane counts(String id, String title, javafx.collections.ObservableList<CampaignProgressViewModel.Count>
            counts) {
        FlowPane pane = new FlowPane(14, 4);
        pane.setId(id);
        Label name = new Label(title);
        name.getStyleClass().add("hint");
        Runnable fill = () -> {
            pane.getChildren().setAll(name);
            for (CampaignProgressViewModel.Count c : counts) {
                Label l = new Label(c.words() + " " + c.count());
                l.setId(id + "-" + c.key());
                l.getStyleClass().addAll("campaign-count", "campaign-" + c.key().replace('_', '-'));
                pane.getChildren().add(l);
            }
            if (counts.isEmpty()) {
                Label none = new Label("none yet");
                none.getStyleClass().add("hint");
                pane.getChildren().add(none);
            }
        };
        counts.addListener((ListChangeListener<CampaignProgressViewModel.Count>) c -> fill.run());
        fill.run();
        return pane;
    }

    private FlowPane controls() {
        Button start = button("campaignStart", "Start", new FontIcon(MaterialDesignP.PLAY),
                () -> model.act(ConsoleServices.CampaignAction.START));
        start.getStyleClass().add("accent");
        start.disableProperty().bind(model.mayStartProperty().not());
        Button test = button("campaignTest", "Test call (next row)", new FontIcon(MaterialDesignP.PHONE_OUTGOING),
                () -> model.act(ConsoleServices.CampaignAction.TEST));
        test.disableProperty().bind(model.mayStartProperty().not());
        Button pause = button("campaignPause", "Pause", new FontIcon(MaterialDesignP.PAUSE),
                () -> model.act(ConsoleServices.CampaignAction.PAUSE));
        pause.disableProperty().bind(model.mayPauseProperty().not());
        Button resume = button("campaignResume", "Resume", new FontIcon(MaterialDesignP.PLAY_PAUSE),
                () -> model.act(ConsoleServices.CampaignAction.RESUME));
        resume.disableProperty().bind(model.mayResumeProperty().not());
        Button cancel = button("campaignCancel", "Cancel campaign", new FontIcon(MaterialDesignS.STOP),
                () -> model.act(ConsoleServices.CampaignAction.CANCEL));
        cancel.getStyleClass().add("danger");
        cancel.disableProperty().bind(model.mayCancelProperty().not());
        Button requeue = button("campaignRequeue", "Dial rows to review again", new FontIcon(MaterialDesignR.REPLAY),
                model::requeue);
        requeue.disableProperty().bind(model.mayRequeueProperty().not());
        requeue.setTooltip(new javafx.scene.control.Tooltip("Rows left 'needs review' (the bridge stopped while "
                + "Twilio was asked to ring them): check Twilio's call log first, then dial them again"));
        Button csv = button("campaignExportCsv", "Export CSV", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE),
                () -> export("csv", ConsoleServices.ResultFormat.CSV));
        csv.disableProperty().bind(model.mayExportProperty().not());
        Button json = button("campaignExportJson", "Export JSON", new FontIcon(MaterialDesignC.CODE_JSON),
                () -> export("json", ConsoleServices.ResultFormat.JSON));
        json.disableProperty().bind(model.mayExportProperty().not());
        FlowPane pane = new FlowPane(8, 6, start, test, pause, resume, cancel, requeue, csv, json);
        pane.setAlignment(Pos.CENTER_LEFT);
        return pane;
    }

    private void export(String extension, ConsoleServices.ResultFormat format) {
        FileChooser chooser = new FileChooser();
        String id = model.shown() == null ? "campaign" : model.shown();
        chooser.setInitialFileName(id + "-results." + extension);
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.export(file.toPath(), format);
        }
    }

    private static Button button(String id, String text, FontIcon icon, Runnable action) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private TableView<CampaignProgress.RowView> rowTable() {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss");
        TableView<CampaignProgress.RowView> table = new TableView<>(model.rows());
        table.setId("campaignRows");
        table.setPlaceholder(new Label("No rows"));
        table.getColumns().add(column("Line", r -> String.valueOf(r.line()), 55));
        table.getColumns().add(column("Number", CampaignProgress.RowView::to, 130));
        TableColumn<CampaignProgress.RowView, String> state = column("State",
                r -> CampaignProgressViewModel.words(r.state()), 100);
        state.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (!empty && item != null) {
                    getStyleClass().add(switch (item) {
                        case "Dialling" -> "state-ringing";
                        case "In call" -> "state-live";
                        case "Done" -> "state-done";
                        case "Needs review", "Canceled", "Skipped" -> "state-failed";
                        default -> "state-pending";
                    });
                }
            }
        });
        table.getColumns().add(state);
        table.getColumns().add(column("Attempts", r -> String.valueOf(r.attempts()), 95));
        table.getColumns().add(column("Outcome", r -> CampaignProgressViewModel.words(r.outcome()), 100));
        table.getColumns().add(column("Reflection", r -> app.highway.ui.common.Words.reflection(r.reflection()), 120));
        table.getColumns().add(column("Next", r -> r.nextAt() == null ? "" : time.format(r.nextAt().atZone(zone)),
                80));
        table.getColumns().add(column("Detail", CampaignProgress.RowView::detail, 360));
        return table;
    }

    private static TableColumn<CampaignProgress.RowView, String> column(String title,
            Function<CampaignProgress.RowView, String> value, double width) {
        TableColumn<CampaignProgress.RowView, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Node node() {
        return root;
    }
}
