package app.highway.ui.prompt;

import app.highway.config.PromptHistory;
import app.highway.ui.common.ChangedElsewhereBanner;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Edits the system message and the verification template; preview; versions with revert. */
public final class PromptView {
    private final HBox root = new HBox(12);

    public PromptView(PromptViewModel model) {
        root.setId("promptView");
        root.setPadding(new Insets(12));

        TextArea instructions = new TextArea();
        instructions.setId("instructionsArea");
        instructions.setWrapText(true);
        instructions.textProperty().bindBidirectional(model.instructionsProperty());
        TextArea template = new TextArea();
        template.setId("templateArea");
        template.setWrapText(true);
        template.setPrefRowCount(4);
        template.textProperty().bindBidirectional(model.templateProperty());
        TextArea preview = new TextArea();
        preview.setId("promptPreview");
        preview.setEditable(false);
        preview.setWrapText(true);
        preview.textProperty().bind(model.previewProperty());
        preview.getStyleClass().add("preview");

        Button save = new Button("Save as new version");
        save.setId("savePromptButton");
        save.getStyleClass().add("accent");
        save.setOnAction(e -> model.save());
        Label message = new Label();
        message.setId("promptMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        VBox editor = new VBox(6, ChangedElsewhereBanner.node("prompt", "The system message in use was",
                model.changedElsewhereProperty(), model.noticeProperty(), model::reloadFromStore, model::keepEditing),
                new Label("System message (the assistant's instructions)"), instructions,
                new Label("Verification message template ({code} is replaced by the code, digit by digit)"), template,
                new Label("Preview: what the model receives"), preview, new HBox(8, save), message);
        VBox.setVgrow(instructions, Priority.ALWAYS);
        VBox.setVgrow(preview, Priority.SOMETIMES);
        HBox.setHgrow(editor, Priority.ALWAYS);

        ListView<PromptHistory.Version> versions = new ListView<>(model.versions());
        versions.setId("promptVersions");
        versions.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(PromptHistory.Version v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : model.describe(v));
            }
        });
        Button use = new Button("Use this version");
        use.setId("usePromptVersionButton");
        use.setTooltip(new javafx.scene.control.Tooltip("The next call uses the selected version as it is; "
                + "no new version is saved"));
        use.disableProperty().bind(versions.getSelectionModel().selectedItemProperty().isNull());
        use.setOnAction(e -> model.use(versions.getSelectionModel().getSelectedItem()));
        Button revert = new Button("Load into editor");
        revert.setId("revertPromptButton");
        revert.setTooltip(new javafx.scene.control.Tooltip("Copies the selected version into the editor, to edit "
                + "and save"));
        revert.disableProperty().bind(versions.getSelectionModel().selectedItemProperty().isNull());
        revert.setOnAction(e -> model.revertTo(versions.getSelectionModel().getSelectedItem()));
        TextArea diff = new TextArea("Select a version to compare it with the one in use.");
        diff.setId("promptDiff");
        diff.setEditable(false);
        diff.setWrapText(true);
        diff.getStyleClass().add("preview");
        versions.getSelectionModel().selectedItemProperty().addListener((o, was, v) -> diff.setText(v == null
                ? "Select a version to compare it with the one in use." : model.diff(v)));
        model.versions().addListener((javafx.collections.ListChangeListener<PromptHistory.Version>) c -> {
            PromptHistory.Version v = versions.getSelectionModel().getSelectedItem();
            diff.setText(v == null ? "Select a version to compare it with the one in use." : model.diff(v));
        });
        VBox history = new VBox(6, new Label("Versions"), versions, new HBox(6, use, revert),
                new Label("Differences from the version in use"), diff);
        history.setPrefWidth(380);
        VBox.setVgrow(versions, Priority.ALWAYS);
        VBox.setVgrow(diff, Priority.ALWAYS);
        root.getChildren().addAll(editor, history);
    }

    public HBox node() {
        return root;
    }
}
