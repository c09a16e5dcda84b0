package app.highway.ui.about;

import java.io.IOException;
import java.io.InputStream;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Modality;
import javafx.stage.Window;

/** The About dialog: name, version, vendor, where the files are, and the Java and JavaFX versions. */
public final class AboutView {
    private static final ButtonType COPY = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
    private final AboutViewModel model;

    public AboutView(AboutViewModel model) {
        this.model = model;
    }

    /** Opens the dialog over {@code owner} without blocking; the text can be selected and copied. */
    public Dialog<ButtonType> show(Window owner) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("About " + model.title());
        dialog.setHeaderText(model.title());
        dialog.setGraphic(icon());
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        grid.setId("aboutDetails");
        int line = 0;
        for (AboutViewModel.Row row : model.rows()) {
            Label name = new Label(row.label());
            name.getStyleClass().add("text-bold");
            name.setMinWidth(Region.USE_PREF_SIZE);
            Label value = new Label(row.value());
            value.setId(row.id());
            value.setWrapText(true);
            value.setMaxWidth(560);
            if ("aboutApiToken".equals(row.id()) && model.apiTokenFile().isPresent()) {
                Button copyPath = new Button("Copy path");
                copyPath.setId("aboutCopyTokenPath");
                copyPath.setTooltip(new javafx.scene.control.Tooltip("Copies where the token is kept, not the token"));
                copyPath.setOnAction(e -> copy(model.apiTokenFile().get().toString()));
                grid.addRow(line++, name, value, copyPath);
            } else {
                grid.addRow(line++, name, value);
            }
        }
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().setId("aboutDialog");
        dialog.getDialogPane().getButtonTypes().addAll(COPY, ButtonType.CLOSE);
        Button copy = (Button) dialog.getDialogPane().lookupButton(COPY);
        copy.setId("aboutCopyButton");
        copy.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            copy(model.asText());
            e.consume(); // copying does not close the dialog
        });
        dialog.show();
        return dialog;
    }

    private static void copy(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    private static ImageView icon() {
        try (InputStream in = AboutView.class.getResourceAsStream("/app/highway/ui/icon-256.png")) {
            if (in == null) {
                throw new IllegalStateException("Missing resource /app/highway/ui/icon-256.png");
            }
            return new ImageView(new Image(in, 64, 64, true, true));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
