package app.highway.ui.people;

import app.highway.team.ApiToken;
import app.highway.team.IssuedToken;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;

/**
 * A token just issued, shown this once: its text (selectable, and a Copy button), for whom and what, and that
 * it will not be seen again (the bridge keeps only its hash). Closing the dialog forgets the text.
 */
final class IssuedTokenDialog {
    private final IssuedToken issued;

    IssuedTokenDialog(IssuedToken issued) {
        this.issued = issued;
    }

    /** Opens the dialog over {@code owner} without blocking; {@code closed} runs when it is closed. */
    Dialog<ButtonType> show(Window owner, Runnable closed) {
        ApiToken t = issued.token();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle("New token for " + t.user());
        dialog.setHeaderText("Token for " + t.user() + " (\"" + t.label() + "\", " + t.id() + ")");
        dialog.setGraphic(new FontIcon(MaterialDesignK.KEY_VARIANT));

        TextField secret = new TextField(issued.secret());
        secret.setId("issuedTokenSecret");
        secret.setEditable(false);
        secret.getStyleClass().add("preview");
        secret.setPrefColumnCount(48);
        HBox.setHgrow(secret, Priority.ALWAYS);
        Label copied = new Label();
        copied.setId("issuedTokenCopied");
        copied.managedProperty().bind(copied.textProperty().isNotEmpty());
        Button copy = new Button("Copy", new FontIcon(MaterialDesignC.CONTENT_COPY));
        copy.setId("copyIssuedToken");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(secret.getText());
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText("Copied.");
        });
        HBox row = new HBox(8, secret, copy);
        Label warning = new Label("You will not see this token again: the bridge keeps only its hash. Copy it now "
                + "and give it to " + t.user() + " privately; they paste it into Highway Console's connection dialog "
                + "(or send it as Authorization: Bearer). If it is lost, revoke it and issue another.",
                new FontIcon(MaterialDesignA.ALERT));
        warning.setId("issuedTokenWarning");
        warning.setWrapText(true);
        warning.setMaxWidth(560);
        warning.getStyleClass().add("warning-banner");
        VBox content = new VBox(10, row, copied, warning);
        content.setPadding(new Insets(4, 0, 0, 0));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().setId("issuedTokenDialog");
        ButtonType done = new ButtonType("Done", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().add(done);
        dialog.getDialogPane().lookupButton(done).setId("issuedTokenDone");
        dialog.setOnHidden(e -> {
            secret.clear();
            closed.run();
        });
        dialog.show();
        secret.requestFocus();
        secret.selectAll();
        return dialog;
    }
}
