package app.highway.ui.launch;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;

/**
 * The verification-call form, always at hand: number, code, note, then a confirm step, progress
 * while Twilio queues the call, and a plain-words error when it refuses.
 */
public final class NewCallView {
    private final VBox root = new VBox(6);
    private final TextField phone = new TextField();
    private final Label result = new Label();

    public NewCallView(NewCallViewModel model, java.util.function.Consumer<String> onPlaced) {
        root.setId("newCallForm");
        root.getStyleClass().add("new-call");
        root.setPadding(new Insets(10));
        root.setPrefWidth(240);
        root.setMinWidth(230);
        root.setMaxWidth(265);

        Label heading = new Label("New verification call");
        heading.getStyleClass().add("form-title");

        phone.setId("phoneField");
        phone.setPromptText("+12025550123");
        phone.textProperty().bindBidirectional(model.phoneProperty());
        Label phoneHint = hint(model.phoneMessage(), "phoneHint");

        TextField code = new TextField();
        code.setId("codeField");
        code.setPromptText("123456");
        code.textProperty().bindBidirectional(model.codeProperty());
        Label codeHint = hint(model.codeMessage(), "codeHint");

        TextField note = new TextField();
        note.setId("noteField");
        note.setPromptText("Optional (ticket, reason)");
        note.textProperty().bindBidirectional(model.noteProperty());

        Button review = new Button("Call…", new FontIcon(MaterialDesignP.PHONE_OUTGOING));
        review.setId("reviewCallButton");
        review.setDefaultButton(true);
        review.disableProperty().bind(model.validProperty().not());

        Label confirmText = new Label();
        confirmText.setId("confirmText");
        confirmText.setWrapText(true);
        Button confirm = new Button("Place call");
        confirm.setId("placeCallButton");
        confirm.getStyleClass().add("accent");
        Button cancel = new Button("Cancel");
        VBox confirmBox = new VBox(6, confirmText, new HBox(6, confirm, cancel));
        confirmBox.getStyleClass().add("confirm-box");
        confirmBox.setVisible(false);
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());

        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(18, 18);
        Label progressText = new Label("Placing the call…");
        HBox progressBox = new HBox(6, progress, progressText);
        progressBox.setVisible(false);
        progressBox.managedProperty().bind(progressBox.visibleProperty());

        result.setId("callResult");
        model.placedMessage().addListener((o, was, now) -> {
            if (now.isEmpty() && result.getStyleClass().contains("ok-text")) {
                result.setText(""); // the form is being edited for the next call
                result.getStyleClass().remove("ok-text");
            }
        });
        result.setWrapText(true);

        review.setOnAction(e -> {
            confirmText.setText(model.confirmation());
            confirmBox.setVisible(true);
            result.setText("");
            confirm.requestFocus();
        });
        cancel.setOnAction(e -> confirmBox.setVisible(false));
        confirm.setOnAction(e -> {
            confirmBox.setVisible(false);
            progressBox.setVisible(true);
            review.disableProperty().unbind();
            review.setDisable(true);
            model.submit().thenAccept(outcome -> Platform.runLater(() -> {
                progressBox.setVisible(false);
                review.disableProperty().bind(model.validProperty().not());
                result.getStyleClass().removeAll("error-text", "ok-text");
                if (outcome.placed()) {
                    model.placed(outcome.call());
                    result.setText(model.placedMessage().get());
                    result.getStyleClass().add("ok-text");
                    onPlaced.accept(outcome.call().id());
                } else {
                    result.setText(outcome.error());
                    result.getStyleClass().add("error-text");
                }
            }));
        });

        root.getChildren().addAll(heading, new Label("Phone number"), phone, phoneHint, new Label("Verification code"),
                code, codeHint, new Label("Note"), note, review, confirmBox, progressBox, result);
    }

    private static Label hint(javafx.beans.value.ObservableValue<String> text, String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("hint");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.textProperty().addListener((o, a, b) -> {
            label.getStyleClass().removeAll("hint-ok", "hint-bad");
            if (b != null && b.startsWith("✓")) {
                label.getStyleClass().add("hint-ok");
            } else if (b != null && (b.startsWith("Not") || b.startsWith("The code"))) {
                label.getStyleClass().add("hint-bad");
            }
        });
        return label;
    }

    /** Ctrl+N lands here. */
    public void focus() {
        phone.requestFocus();
    }

    public VBox node() {
        return root;
    }
}
