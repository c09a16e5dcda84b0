package app.highway.ui.campaign;

import app.highway.campaign.RowProblem;
import app.highway.config.VoicemailPolicy;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.util.StringConverter;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The import wizard as a pane of three steps: the file, the column mapping, the preview with the plan. Every
 * button calls one view-model method.
 */
public final class ImportWizardView {
    private final ImportWizardViewModel model;
    private final Runnable close;
    private final BorderPane root = new BorderPane();
    private java.nio.file.Path lastFolder;

    public ImportWizardView(ImportWizardViewModel model, Runnable close) {
        this.model = model;
        this.close = close;
        root.setId("importWizard");
        root.setPadding(new Insets(12));
        Label heading = new Label();
        heading.getStyleClass().add("title-4");
        heading.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stepProperty().get()) {
            case FILE -> "New campaign · 1 of 3: choose a CSV file";
            case MAPPING -> "New campaign · 2 of 3: which column is which";
            case PREVIEW -> "New campaign · 3 of 3: check the rows and how to dial them";
        }, model.stepProperty()));
        Label message = new Label();
        message.setId("wizardMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox top = new VBox(6, heading, message);
        top.setPadding(new Insets(0, 0, 10, 0));
        root.setTop(top);
        Node file = fileStep();
        Node mapping = mappingStep();
        Node preview = previewStep();
        model.stepProperty().addListener((o, was, step) -> root.setCenter(switch (step) {
            case FILE -> file;
            case MAPPING -> mapping;
            case PREVIEW -> preview;
        }));
        root.setCenter(file);
    }

    private Node fileStep() {
        Button choose = new Button("Choose a CSV file…", new FontIcon(MaterialDesignF.FILE_DELIMITED_OUTLINE));
        choose.setId("wizardChooseFile");
        choose.getStyleClass().add("accent");
        choose.disableProperty().bind(model.busyProperty());
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("A CSV list to call");
            startIn(chooser);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("CSV lists", "*.csv", "*.txt"),
                    new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = chooser.showOpenDialog(root.getScene().getWindow());
            if (f != null) {
                lastFolder = f.toPath().getParent();
                model.load(f.toPath());
            }
        });
        Label hint = new Label("A header line first. One column holds the phone number (E.164, such as "
                + "+12025550123), one the verification code (3 to 10 digits); an optional note; every other column "
                + "is a variable for the system message and the verification template ({{first_name}}).");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox box = new VBox(12, hint, new HBox(8, choose, cancelButton("wizardCancelFile")));
        return box;
    }

    /** The folder of the last file chosen, else the sample lists beside the console if there, else here. */
    private void startIn(FileChooser chooser) {
        java.nio.file.Path here = java.nio.file.Path.of(System.getProperty("user.dir"));
        java.nio.file.Path samples = here.resolve("assets").resolve("samples");
        java.nio.file.Path dir = lastFolder != null ? lastFolder
                : java.nio.file.Files.isDirectory(samples) ? samples : here;
        if (java.nio.file.Files.isDirectory(dir)) {
            chooser.setInitialDirectory(dir.toFile());
        }
    }

    private Node mappingStep() {
        ObservableList<String> withNone = FXCollections.observableArrayList();
        model.columns().addListener((ListChangeListener<String>) c -> {
            withNone.setAll(model.columns());
            withNone.add(0, "");
        });
        ChoiceBox<String> to = choice("wizardToColumn", model.columns());
        to.valueProperty().bindBidirectional(model.toColumnProperty());
        ChoiceBox<String> code = choice("wizardCodeColumn", model.columns());
        code.valueProperty().bindBidirectional(model.codeColumnProperty());
        ChoiceBox<String> note = choice("wizardNoteColumn", withNone);
        note.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String column) {
                return column == null || column.isEmpty() ? "(none)" : column;
            }

            @Override
            public String fromString(String text) {
                return "(none)".equals(text) ? "" : text;
            }
        });
        note.valueProperty().bindBidirectional(model.noteColumnProperty());
        Label variables = new Label();
        variables.setId("wizardVariables");
        variables.setWrapText(true);
        variables.textProperty().bind(Bindings.createStringBinding(model::variables, model.toColumnProperty(),
                model.codeColumnProperty(), model.noteColumnProperty(), model.columns()));
        Label file = new Label();
        file.textProperty().bind(model.fileNameProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, new Label("File"), file);
        grid.addRow(1, new Label("Phone number"), to);
        grid.addRow(2, new Label("Verification code"), code);
        grid.addRow(3, new Label("Note (optional)"), note);
        grid.addRow(4, new Label("Template variables"), variables);
        Button next = new Button("Check the rows", new FontIcon(MaterialDesignC.CHECK_ALL));
        next.setId("wizardCheck");
        next.getStyleClass().add("accent");
        next.setDefaultButton(true);
        next.disableProperty().bind(model.busyProperty());
        next.setOnAction(e -> model.checkRows());
        Button back = new Button("Back");
        back.setOnAction(e -> model.back());
        return new VBox(14, grid, new HBox(8, back, next, cancelButton("wizardCancelMapping")));
    }

    private Node previewStep() {
        Label summary = new Label();
        summary.setId("wizardSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("text-bold");
        summary.textProperty().bind(model.summaryProperty());
        TableView<RowProblem> problems = new TableView<>(model.problems());
        problems.setId("wizardProblems");
        problems.setPlaceholder(new Label("Every row is good"));
        problems.getColumns().add(column("Line", p -> String.valueOf(p.line()), 60));
        problems.getColumns().add(column("Number as written", RowProblem::to, 170));
        problems.getColumns().add(column("Why it is skipped", RowProblem::message, 520));
        problems.setPrefHeight(180);
        problems.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(problems, Priority.ALWAYS);
        Label skippedTitle = new Label("Bad rows (they are skipped, never dialled)");
        skippedTitle.getStyleClass().add("text-bold");

        GridPane plan = new GridPane();
        plan.setHgap(10);
        plan.setVgap(6);
        plan.addRow(0, new Label("Name"), field("wizardName", model.nameProperty(), "Campaign", 22));
        plan.addRow(1, new Label("Calls per second"), field("wizardPace", model.callsPerSecondProperty(),
                "the bridge's pace", 10), new Label("Calls at once"),
                field("wizardConcurrent", model.maxConcurrentProperty(), "5", 5));
        plan.addRow(2, new Label("Calling hours"), new HBox(6, field("wizardHoursStart", model.hoursStartProperty(),
                "any time", 6), new Label("to"), field("wizardHoursEnd", model.hoursEndProperty(), "", 6)),
                new Label("Time zone"), field("wizardZone", model.timeZoneProperty(), "UTC", 14));
        plan.addRow(3, new Label("Days"), field("wizardDays", model.daysProperty(), "every day (or mon-fri)", 14));
        plan.addRow(4, new Label("Attempts per row"), field("wizardAttempts", model.maxAttemptsProperty(), "3", 4),
                new Label("Minutes between"), field("wizardRetryMinutes", model.retryMinutesProperty(), "10", 4));
        CheckBox retryVoicemail = new CheckBox("Try again after voicemail");
        retryVoicemail.setId("wizardRetryVoicemail");
        retryVoicemail.selectedProperty().bindBidirectional(model.retryVoicemailProperty());
        plan.addRow(5, new Label("Voicemail"), voicemailChoice(model), new Label(""), retryVoicemail);
        Label planHint = new Label("Hours and days are the callee's (time zone from the number, else this one). "
                + "Busy, no answer and failed calls are tried again; the code is never read to a machine.");
        planHint.setWrapText(true);
        planHint.getStyleClass().add("hint");
        CheckBox test = new CheckBox("Test mode: dial only the first row");
        test.setId("wizardTestMode");
        test.selectedProperty().bindBidirectional(model.testModeProperty());
        Button again = new Button("Check again", new FontIcon(MaterialDesignC.CHECK_ALL));
        again.setId("wizardCheckAgain");
        again.disableProperty().bind(model.busyProperty());
        again.setOnAction(e -> model.checkRows());
        Button create = new Button("Create and start", new FontIcon(MaterialDesignP.PLAY));
        create.setId("wizardCreate");
        create.getStyleClass().add("accent");
        create.textProperty().bind(Bindings.when(model.testModeProperty()).then("Create and test the first row")
                .otherwise("Create and start"));
        create.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(() ->
                model.previewProperty().get() == null || model.previewProperty().get().valid() == 0,
                model.previewProperty())));
        create.setOnAction(e -> model.create(true));
        Button createOnly = new Button("Create only", new FontIcon(MaterialDesignA.ARCHIVE_OUTLINE));
        createOnly.setId("wizardCreateOnly");
        createOnly.disableProperty().bind(create.disableProperty());
        createOnly.setOnAction(e -> model.create(false));
        Button back = new Button("Back");
        back.setOnAction(e -> model.back());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox buttons = new HBox(8, back, again, grow, test, createOnly, create, cancelButton("wizardCancelPreview"));
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(10, summary, skippedTitle, problems, plan, planHint, buttons);
    }

    private Button cancelButton(String id) {
        Button cancel = new Button("Cancel");
        cancel.setId(id);
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> close.run());
        return cancel;
    }

    private static ChoiceBox<String> choice(String id, ObservableList<String> items) {
        ChoiceBox<String> box = new ChoiceBox<>(items);
        box.setId(id);
        box.setPrefWidth(220);
        return box;
    }

    /** The voicemail policy: the bridge's default (null), or one of the policies, in words. */
    private static ChoiceBox<VoicemailPolicy> voicemailChoice(ImportWizardViewModel model) {
        ChoiceBox<VoicemailPolicy> box = new ChoiceBox<>();
        box.setId("wizardVoicemail");
        box.getItems().add(null);
        box.getItems().addAll(VoicemailPolicy.MESSAGE, VoicemailPolicy.HANG_UP, VoicemailPolicy.OFF);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(VoicemailPolicy p) {
                if (p == null) {
                    return "The bridge's default";
                }
                return switch (p) {
                    case MESSAGE -> "Leave the callback message";
                    case HANG_UP -> "Hang up";
                    case OFF -> "No detection (greet at once)";
                };
            }

            @Override
            public VoicemailPolicy fromString(String text) {
                return null; // not editable
            }
        });
        box.valueProperty().bindBidirectional(model.voicemailProperty());
        return box;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static TableColumn<RowProblem, String> column(String title,
            java.util.function.Function<RowProblem, String> value, double width) {
        TableColumn<RowProblem, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Node node() {
        return root;
    }
}
